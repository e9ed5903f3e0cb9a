using System.Text.Json;

namespace McpShim.Policy.Schema;

internal sealed partial class SchemaValidator
{
    private bool CheckObjectKeyword(string keyword, JsonElement k, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        switch (keyword)
        {
            case "properties" when k.ValueKind == JsonValueKind.Object:
                var ok = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!k.TryGetProperty(property.Name, out var propertySchema))
                        continue;
                    parts?.Property(property.Name);
                    ok &= Check(registry.Child(node, propertySchema), property.Value, path.Property(property.Name), sink, null);
                    if (!ok && sink is null)
                        return false;
                }

                return ok;
            case "patternProperties" when k.ValueKind == JsonValueKind.Object:
                return CheckPatternProperties(k, node, value, path, sink, parts);
            case "additionalProperties":
                return CheckAdditionalProperties(k, node, value, path, sink, parts);
            case "required" when k.ValueKind == JsonValueKind.Array:
                var present = true;
                foreach (var name in k.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String && !value.TryGetProperty(name.GetString()!, out _))
                        present = Fail(sink, path, "required", $"missing property '{name.GetString()}'");
                }

                return present;
            case "minProperties" when SchemaNumbers.AsCount(k) is { } min:
                var count = value.EnumerateObject().Count();
                return count >= min || Fail(sink, path, "minProperties", $"has {count} properties, fewer than {min}");
            case "maxProperties" when SchemaNumbers.AsCount(k) is { } max:
                var number = value.EnumerateObject().Count();
                return number <= max || Fail(sink, path, "maxProperties", $"has {number} properties, more than {max}");
            case "propertyNames":
                var names = registry.Child(node, k);
                return value.EnumerateObject().Aggregate(true, (all, p) => Check(names, NameAsJson(p.Name), path.Property(p.Name), sink, null) & all);
            case "dependentRequired" when k.ValueKind == JsonValueKind.Object:
                return CheckDependentRequired(k, value, path, sink, "dependentRequired");
            case "dependentSchemas" when k.ValueKind == JsonValueKind.Object:
                return k.EnumerateObject().Aggregate(true, (all, d) => CheckDependentSchema(d.Name, d.Value, node, value, path, sink, parts) & all);
            case "dependencies" when k.ValueKind == JsonValueKind.Object:
                // Draft-07, split in 2019-09: an array of names is dependentRequired, a schema dependentSchemas.
                return k.EnumerateObject().Aggregate(true, (all, d) => (d.Value.ValueKind == JsonValueKind.Array
                    ? CheckDependentRequired(k, value, path, sink, "dependencies", d.Name)
                    : CheckDependentSchema(d.Name, d.Value, node, value, path, sink, parts)) & all);
            default:
                return true;
        }
    }

    private bool CheckPatternProperties(JsonElement patterns, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        var ok = true;
        foreach (var pattern in patterns.EnumerateObject())
        {
            if (schema.Pattern(pattern.Name) is not { } regex)
                continue;
            foreach (var property in value.EnumerateObject())
            {
                switch (SafeIsMatch(regex, property.Name))
                {
                    case true:
                        parts?.Property(property.Name);
                        ok &= Check(registry.Child(node, pattern.Value), property.Value, path.Property(property.Name), sink, null);
                        break;
                    case null:
                        ok = Fail(sink, path.Property(property.Name), "patternProperties", $"the name could not be checked against the pattern {pattern.Name} in time");
                        break;
                }
            }
        }

        return ok;
    }

    private bool CheckAdditionalProperties(JsonElement additional, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        var subschema = node.Schema;
        var declared = subschema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && node.Dialect.Evaluates("properties") ? p : default;
        var patterns = subschema.TryGetProperty("patternProperties", out var pp) && pp.ValueKind == JsonValueKind.Object && node.Dialect.Evaluates("patternProperties") ? pp : default;
        var additionalSchema = registry.Child(node, additional);
        var ok = true;
        foreach (var property in value.EnumerateObject())
        {
            if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(property.Name, out _))
                continue;
            if (patterns.ValueKind == JsonValueKind.Object && MatchesAnyPattern(patterns, property.Name) is var matched && matched != false)
            {
                if (matched is null)
                    ok = Fail(sink, path.Property(property.Name), "additionalProperties", "the name could not be checked against patternProperties in time");
                continue;
            }

            parts?.Property(property.Name);
            if (additional.ValueKind == JsonValueKind.False)
            {
                var known = declared.ValueKind == JsonValueKind.Object ? string.Join(", ", declared.EnumerateObject().Select(x => x.Name)) : "none";
                ok = Fail(sink, path.Property(property.Name), "additionalProperties", $"property '{property.Name}' is not allowed (known: {known})");
            }
            else
            {
                ok &= Check(additionalSchema, property.Value, path.Property(property.Name), sink, null);
            }

            if (!ok && sink is null)
                return false;
        }

        return ok;
    }

    /// <summary>Every property no keyword here or in a passing in-place subschema evaluated.</summary>
    private bool CheckUnevaluatedProperties(SchemaNode unevaluated, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        var ok = true;
        foreach (var property in value.EnumerateObject())
        {
            if (parts?.HasProperty(property.Name) == true)
                continue;
            ok &= unevaluated.Schema.ValueKind == JsonValueKind.False
                ? Fail(sink, path.Property(property.Name), "unevaluatedProperties", $"property '{property.Name}' is not allowed (no subschema here evaluates it)")
                : Check(unevaluated, property.Value, path.Property(property.Name), sink, null);
            if (!ok && sink is null)
                return false;
        }

        foreach (var property in value.EnumerateObject())
            parts?.Property(property.Name);
        return ok;
    }

    /// <summary>Whether a name matches one of the patternProperties; null when one ran out of time (counted as a violation).</summary>
    private bool? MatchesAnyPattern(JsonElement patterns, string name)
    {
        var timedOut = false;
        foreach (var pattern in patterns.EnumerateObject())
        {
            if (schema.Pattern(pattern.Name) is not { } regex)
                continue;
            switch (SafeIsMatch(regex, name))
            {
                case true:
                    return true;
                case null:
                    timedOut = true;
                    break;
            }
        }

        return timedOut ? null : false;
    }

    private static bool CheckDependentRequired(JsonElement dependencies, JsonElement value, InstancePath path, List<SchemaViolation>? sink, string rule, string? only = null)
    {
        var ok = true;
        foreach (var dependency in dependencies.EnumerateObject())
        {
            if ((only is not null && dependency.Name != only) || !value.TryGetProperty(dependency.Name, out _) || dependency.Value.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var needed in dependency.Value.EnumerateArray())
            {
                if (needed.ValueKind == JsonValueKind.String && !value.TryGetProperty(needed.GetString()!, out _))
                    ok = Fail(sink, path, rule, $"'{dependency.Name}' needs property '{needed.GetString()}' too");
            }
        }

        return ok;
    }

    private static JsonElement NameAsJson(string name)
    {
        using var document = JsonDocument.Parse("\"" + JsonEncodedText.Encode(name).Value + "\"");
        return document.RootElement.Clone();
    }
}
