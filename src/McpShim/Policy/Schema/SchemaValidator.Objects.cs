using System.Text.Json;

namespace McpShim.Policy.Schema;

internal sealed partial class SchemaValidator
{
    private bool CheckObjectKeyword(string keyword, JsonElement k, JsonElement subschema, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        switch (keyword)
        {
            case "properties" when k.ValueKind == JsonValueKind.Object:
                var ok = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (k.TryGetProperty(property.Name, out var propertySchema))
                        ok &= Check(propertySchema, property.Value, path.Property(property.Name), sink);
                }

                return ok;
            case "patternProperties" when k.ValueKind == JsonValueKind.Object:
                return CheckPatternProperties(k, value, path, sink);
            case "additionalProperties":
                return CheckAdditionalProperties(k, subschema, value, path, sink);
            case "required" when k.ValueKind == JsonValueKind.Array:
                var present = true;
                foreach (var name in k.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String && !value.TryGetProperty(name.GetString()!, out _))
                        present = Fail(sink, path, "required", $"missing property '{name.GetString()}'");
                }

                return present;
            case "minProperties" when k.TryGetInt32(out var min):
                var count = value.EnumerateObject().Count();
                return count >= min || Fail(sink, path, "minProperties", $"has {count} properties, fewer than {min}");
            case "maxProperties" when k.TryGetInt32(out var max):
                var number = value.EnumerateObject().Count();
                return number <= max || Fail(sink, path, "maxProperties", $"has {number} properties, more than {max}");
            case "propertyNames":
                return value.EnumerateObject().Aggregate(true, (all, p) => Check(k, NameAsJson(p.Name), path.Property(p.Name), sink) & all);
            case "dependentRequired" when k.ValueKind == JsonValueKind.Object:
                return CheckDependentRequired(k, value, path, sink);
            default:
                return true;
        }
    }

    private bool CheckPatternProperties(JsonElement patterns, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
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
                        ok &= Check(pattern.Value, property.Value, path.Property(property.Name), sink);
                        break;
                    case null:
                        ok = Fail(sink, path.Property(property.Name), "patternProperties", $"the name could not be checked against the pattern {pattern.Name} in time");
                        break;
                }
            }
        }

        return ok;
    }

    private bool CheckAdditionalProperties(JsonElement additional, JsonElement subschema, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        var declared = subschema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var patterns = subschema.TryGetProperty("patternProperties", out var pp) && pp.ValueKind == JsonValueKind.Object ? pp : default;
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

            if (additional.ValueKind == JsonValueKind.False)
            {
                var known = declared.ValueKind == JsonValueKind.Object ? string.Join(", ", declared.EnumerateObject().Select(x => x.Name)) : "none";
                ok = Fail(sink, path.Property(property.Name), "additionalProperties", $"property '{property.Name}' is not allowed (known: {known})");
            }
            else
            {
                ok &= Check(additional, property.Value, path.Property(property.Name), sink);
            }
        }

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

    private static bool CheckDependentRequired(JsonElement dependencies, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        var ok = true;
        foreach (var dependency in dependencies.EnumerateObject())
        {
            if (!value.TryGetProperty(dependency.Name, out _) || dependency.Value.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var needed in dependency.Value.EnumerateArray())
            {
                if (needed.ValueKind == JsonValueKind.String && !value.TryGetProperty(needed.GetString()!, out _))
                    ok = Fail(sink, path, "dependentRequired", $"'{dependency.Name}' needs property '{needed.GetString()}' too");
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
