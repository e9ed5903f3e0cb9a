using System.Text.Json;

namespace McpShim.Policy.Schema;

/// <summary>
/// Checks a value against a JSON Schema (drafts 4 to 2020-12, as MCP servers emit them). Keywords:
/// <list type="bullet">
/// <item>any value: <c>type</c>, <c>enum</c>, <c>const</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>, <c>not</c>,
/// <c>if</c>/<c>then</c>/<c>else</c>, <c>$ref</c> within the schema;</item>
/// <item>objects: <c>properties</c>, <c>patternProperties</c>, <c>additionalProperties</c>, <c>required</c>,
/// <c>minProperties</c>, <c>maxProperties</c>, <c>propertyNames</c>, <c>dependentRequired</c>;</item>
/// <item>arrays: <c>items</c> (one schema, or a tuple before 2020-12), <c>prefixItems</c>, <c>additionalItems</c>,
/// <c>minItems</c>, <c>maxItems</c>, <c>uniqueItems</c>, <c>contains</c>;</item>
/// <item>numbers: <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c> (number, or the
/// draft-4 boolean), <c>multipleOf</c>;</item>
/// <item>strings: <c>minLength</c>, <c>maxLength</c> (in Unicode code points), <c>pattern</c>.</item>
/// </list>
/// Anything else (<c>format</c>, <c>description</c>, <c>default</c>, ...) is an annotation and passes. A keyword only
/// applies to values of its type, as the spec says: <c>minLength</c> says nothing about a number.
/// <para>
/// Why not JsonSchema.Net: every 9.x version needs JsonPointer.Net 7.x, which the package mirror does not serve, so
/// it cannot be restored here; this covers what MCP tool schemas use, with no reflection and no dependency.
/// </para>
/// </summary>
internal sealed partial class SchemaValidator(ArgumentSchema schema)
{
    private const int MaxDepth = 64;
    private const int MaxViolations = 10;

    private int _depth;

    /// <summary>
    /// Checks <paramref name="value"/> at <paramref name="path"/>. With a <paramref name="sink"/>, violations are
    /// collected (up to ten); without one (inside anyOf, oneOf, not, if) only the answer matters.
    /// </summary>
    public bool Check(JsonElement subschema, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        switch (subschema.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return Fail(sink, path, "false", "no value is allowed here");
            case JsonValueKind.Object:
                break;
            default:
                return true; // not a schema: nothing to check
        }

        if (_depth >= MaxDepth)
        {
            schema.NoteUnchecked($"schemas nested deeper than {MaxDepth} levels");
            return true;
        }

        _depth++;
        try
        {
            var ok = true;
            foreach (var keyword in subschema.EnumerateObject())
            {
                if ((sink is null && !ok) || sink is { Count: >= MaxViolations })
                    return false;
                ok &= CheckKeyword(keyword.Name, keyword.Value, subschema, value, path, sink);
            }

            return ok;
        }
        finally
        {
            _depth--;
        }
    }

    private bool CheckKeyword(string keyword, JsonElement k, JsonElement subschema, JsonElement value, InstancePath path, List<SchemaViolation>? sink) =>
        keyword switch
        {
            "$ref" => CheckRef(k, value, path, sink),
            "type" => CheckType(k, value, path, sink),
            "enum" => CheckEnum(k, value, path, sink),
            "const" => JsonValueEquality.AreEqual(k, value) || Fail(sink, path, "const", $"must be {Show(k)}"),
            "allOf" => CheckAllOf(k, value, path, sink),
            "anyOf" => CheckAnyOf(k, value, path, sink),
            "oneOf" => CheckOneOf(k, value, path, sink),
            "not" => !Check(k, value, path, null) || Fail(sink, path, "not", "matches a schema it must not match"),
            "if" => CheckIfThenElse(k, subschema, value, path, sink),
            _ => value.ValueKind switch
            {
                JsonValueKind.Object => CheckObjectKeyword(keyword, k, subschema, value, path, sink),
                JsonValueKind.Array => CheckArrayKeyword(keyword, k, subschema, value, path, sink),
                JsonValueKind.Number => CheckNumberKeyword(keyword, k, subschema, value, path, sink),
                JsonValueKind.String => CheckStringKeyword(keyword, k, value, path, sink),
                _ => true,
            },
        };

    private bool CheckRef(JsonElement reference, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        if (reference.ValueKind != JsonValueKind.String)
            return true;
        var target = schema.Resolve(reference.GetString()!);
        if (target is null)
        {
            schema.NoteUnchecked($"$ref '{reference.GetString()}' (only references inside the schema are followed)");
            return true;
        }

        return Check(target.Value, value, path, sink);
    }

    private static bool CheckType(JsonElement type, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        if (type.ValueKind == JsonValueKind.String)
            return IsOfType(type.GetString()!, value) || Fail(sink, path, "type", $"expected {type.GetString()}, got {TypeOf(value)}");
        if (type.ValueKind != JsonValueKind.Array)
            return true;
        var names = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
        return names.Count == 0 || names.Any(n => IsOfType(n, value))
            || Fail(sink, path, "type", $"expected {string.Join(" or ", names)}, got {TypeOf(value)}");
    }

    private static bool CheckEnum(JsonElement allowed, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        if (allowed.ValueKind != JsonValueKind.Array || allowed.EnumerateArray().Any(a => JsonValueEquality.AreEqual(a, value)))
            return true;
        var choices = allowed.EnumerateArray().Take(10).Select(Show);
        var more = allowed.GetArrayLength() > 10 ? ", ..." : string.Empty;
        return Fail(sink, path, "enum", $"{Show(value)} is not one of {string.Join(", ", choices)}{more}");
    }

    private bool CheckAllOf(JsonElement all, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        if (all.ValueKind != JsonValueKind.Array)
            return true;
        var ok = true;
        foreach (var branch in all.EnumerateArray())
        {
            ok &= Check(branch, value, path, sink);
            if (!ok && sink is null)
                return false;
        }

        return ok;
    }

    private bool CheckAnyOf(JsonElement any, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        if (any.ValueKind != JsonValueKind.Array || any.EnumerateArray().Any(branch => Check(branch, value, path, null)))
            return true;
        return Fail(sink, path, "anyOf", $"matches none of the {any.GetArrayLength()} allowed alternatives");
    }

    private bool CheckOneOf(JsonElement one, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        if (one.ValueKind != JsonValueKind.Array)
            return true;
        var matches = one.EnumerateArray().Count(branch => Check(branch, value, path, null));
        return matches == 1
            || Fail(sink, path, "oneOf", matches == 0
                ? $"matches none of the {one.GetArrayLength()} alternatives"
                : $"matches {matches} of the alternatives; exactly one is allowed");
    }

    private bool CheckIfThenElse(JsonElement condition, JsonElement subschema, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        var branch = Check(condition, value, path, null) ? "then" : "else";
        return !subschema.TryGetProperty(branch, out var next) || Check(next, value, path, sink);
    }

    private static bool IsOfType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && SchemaNumbers.IsInteger(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true, // an unknown type name constrains nothing we can check
    };

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => SchemaNumbers.IsInteger(value) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>A value for a message: its JSON, cut short.</summary>
    private static string Show(JsonElement value)
    {
        var json = value.GetRawText();
        return json.Length <= 60 ? json : json[..57] + "...";
    }

    private static bool Fail(List<SchemaViolation>? sink, InstancePath path, string rule, string message)
    {
        if (sink is { Count: < MaxViolations })
            sink.Add(new SchemaViolation(path.ToString(), rule, message));
        return false;
    }
}
