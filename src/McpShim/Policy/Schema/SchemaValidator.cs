using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace McpShim.Policy.Schema;

/// <summary>
/// Checks a value against a JSON Schema: 2020-12 in full (every applicator and validation keyword, <c>$ref</c>,
/// <c>$dynamicRef</c>, <c>$anchor</c>, <c>$id</c>, <c>unevaluatedProperties</c> and <c>unevaluatedItems</c>,
/// <c>$vocabulary</c> of a known meta-schema), and the older dialects MCP servers still declare (2019-09's
/// <c>$recursiveRef</c>, draft-07's tuple <c>items</c>, <c>dependencies</c> and sibling-hiding <c>$ref</c>,
/// draft-04's boolean exclusive bounds). Formats and content keywords are annotations, as 2020-12 says by default.
/// A keyword only applies to values of its type: <c>minLength</c> says nothing about a number.
/// <para>
/// Composition is bounded as MCP 2026-07-28 asks (basic, "Composition-Keyword Resource Use"): nesting depth, the
/// number of subschemas evaluated and the time taken. Past a bound the schema is rejected, never passed.
/// </para>
/// <para>
/// Why not JsonSchema.Net 8.0.5 (the last version without a fee): native AOT runs every module initializer before
/// Main, so its start-up cost (16 ms measured) would fall on every mcpshim run, and its patterns are .NET's, not
/// ECMA-262's. This one adds no dependency and uses <see cref="Ecma.EcmaPattern"/>.
/// </para>
/// </summary>
internal sealed partial class SchemaValidator(ArgumentSchema schema, SchemaRegistry registry)
{
    private const int MaxDepth = 128;
    private const int MaxSteps = 100_000;
    private const int MaxViolations = 10;
    private static readonly long TimeBudget = Stopwatch.Frequency * 2;

    private readonly List<SchemaResource> _dynamicScope = [];
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _depth;
    private int _steps;

    /// <summary>
    /// Checks <paramref name="value"/> at <paramref name="path"/>. With a <paramref name="sink"/>, violations are
    /// collected (up to ten); without one (inside anyOf, oneOf, not, if) only the answer matters. When it passes,
    /// what it evaluated of the value is added to <paramref name="evaluated"/>.
    /// </summary>
    /// <exception cref="SchemaRejectedException">The schema cannot be checked (a bound, an unresolved reference).</exception>
    public bool Check(SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? evaluated)
    {
        switch (node.Schema.ValueKind)
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

        Spend();
        var entered = _dynamicScope.Count == 0 || _dynamicScope[^1] != node.Resource;
        if (entered)
            _dynamicScope.Add(node.Resource);
        _depth++;
        try
        {
            var parts = registry.TracksEvaluation && value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? new EvaluatedParts() : null;
            var ok = CheckKeywords(node, value, path, sink, parts);
            // A failed subschema's parts count only for messages: with a sink, its failure already fails the whole.
            if (parts is not null && (ok || sink is not null))
                evaluated?.Add(parts);
            return ok;
        }
        finally
        {
            _depth--;
            if (entered)
                _dynamicScope.RemoveAt(_dynamicScope.Count - 1);
        }
    }

    private bool CheckKeywords(SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        var dialect = node.Dialect;
        if (dialect.RefHidesSiblings && node.Schema.TryGetProperty("$ref", out var reference))
            return CheckRef(reference, node, value, path, sink, parts);

        var ok = true;
        var unevaluated = false;
        foreach (var keyword in node.Schema.EnumerateObject())
        {
            if ((sink is null && !ok) || sink is { Count: >= MaxViolations })
                return false;
            if (keyword.Name is "unevaluatedProperties" or "unevaluatedItems")
                unevaluated = true;
            else if (dialect.Evaluates(keyword.Name))
                ok &= CheckKeyword(keyword.Name, keyword.Value, node, value, path, sink, parts);
        }

        // Last, as they depend on what every other keyword here (and the subschemas they applied) evaluated.
        if (unevaluated && (ok || sink is { Count: < MaxViolations }))
        {
            if (value.ValueKind == JsonValueKind.Object && node.Schema.TryGetProperty("unevaluatedProperties", out var properties) && dialect.Evaluates("unevaluatedProperties"))
                ok &= CheckUnevaluatedProperties(registry.Child(node, properties), value, path, sink, parts);
            if (value.ValueKind == JsonValueKind.Array && node.Schema.TryGetProperty("unevaluatedItems", out var items) && dialect.Evaluates("unevaluatedItems"))
                ok &= CheckUnevaluatedItems(registry.Child(node, items), value, path, sink, parts);
        }

        return ok;
    }

    private bool CheckKeyword(string keyword, JsonElement k, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts) =>
        keyword switch
        {
            "$ref" => CheckRef(k, node, value, path, sink, parts),
            "$dynamicRef" when node.Dialect.Version >= 2020 => CheckDynamicRef(k, node, value, path, sink, parts),
            "$recursiveRef" when node.Dialect.Version == 2019 => CheckRecursiveRef(k, node, value, path, sink, parts),
            "type" => CheckType(k, value, path, sink),
            "enum" => CheckEnum(k, value, path, sink),
            "const" => JsonValueEquality.AreEqual(k, value) || Fail(sink, path, "const", $"must be {Show(k)}"),
            "allOf" => CheckAllOf(k, node, value, path, sink, parts),
            "anyOf" => CheckAnyOf(k, node, value, path, sink, parts),
            "oneOf" => CheckOneOf(k, node, value, path, sink, parts),
            "not" => !Check(registry.Child(node, k), value, path, null, null) || Fail(sink, path, "not", "matches a schema it must not match"),
            "if" => CheckIfThenElse(k, node, value, path, sink, parts),
            _ => value.ValueKind switch
            {
                JsonValueKind.Object => CheckObjectKeyword(keyword, k, node, value, path, sink, parts),
                JsonValueKind.Array => CheckArrayKeyword(keyword, k, node, value, path, sink, parts),
                JsonValueKind.Number => CheckNumberKeyword(keyword, k, node.Schema, value, path, sink),
                JsonValueKind.String => CheckStringKeyword(keyword, k, value, path, sink),
                _ => true,
            },
        };

    /// <summary>Counts one subschema against the bounds; throws past one, so the whole call is refused.</summary>
    private void Spend()
    {
        if (_depth >= MaxDepth)
        {
            throw new SchemaRejectedException("depth", $"checking the arguments nests subschemas more than {MaxDepth} deep " +
                "(a $ref that leads back to itself without going into the value?), so they cannot be checked");
        }

        if (++_steps > MaxSteps)
            throw new SchemaRejectedException("budget", $"checking the arguments takes more than {MaxSteps} subschema evaluations, so they cannot be checked");
        if ((_steps & 255) == 0 && Stopwatch.GetTimestamp() - _started > TimeBudget)
            throw new SchemaRejectedException("budget", $"checking the arguments takes more than {TimeBudget / Stopwatch.Frequency} s, so they cannot be checked");
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

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    private static bool Fail(List<SchemaViolation>? sink, InstancePath path, string rule, string message)
    {
        if (sink is { Count: < MaxViolations })
            sink.Add(new SchemaViolation(path.ToString(), rule, message));
        return false;
    }
}
