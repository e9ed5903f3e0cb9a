using System.Text.Json;
using System.Text.RegularExpressions;
using McpShim.Policy.Schema.Ecma;

namespace McpShim.Policy.Schema;

internal sealed partial class SchemaValidator
{
    private static bool CheckNumberKeyword(string keyword, JsonElement k, JsonElement subschema, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        if (k.ValueKind != JsonValueKind.Number)
            return true; // includes draft-4 boolean exclusiveMinimum/Maximum, read by minimum/maximum below
        var n = value.GetRawText();
        switch (keyword)
        {
            case "minimum":
                var exclusiveMin = subschema.TryGetProperty("exclusiveMinimum", out var em) && em.ValueKind == JsonValueKind.True;
                var below = SchemaNumbers.Compare(value, k);
                return exclusiveMin
                    ? below > 0 || Fail(sink, path, "minimum", $"{n} must be greater than {k.GetRawText()}")
                    : below >= 0 || Fail(sink, path, "minimum", $"{n} is less than the minimum {k.GetRawText()}");
            case "maximum":
                var exclusiveMax = subschema.TryGetProperty("exclusiveMaximum", out var eM) && eM.ValueKind == JsonValueKind.True;
                var above = SchemaNumbers.Compare(value, k);
                return exclusiveMax
                    ? above < 0 || Fail(sink, path, "maximum", $"{n} must be less than {k.GetRawText()}")
                    : above <= 0 || Fail(sink, path, "maximum", $"{n} is greater than the maximum {k.GetRawText()}");
            case "exclusiveMinimum":
                return SchemaNumbers.Compare(value, k) > 0 || Fail(sink, path, "exclusiveMinimum", $"{n} must be greater than {k.GetRawText()}");
            case "exclusiveMaximum":
                return SchemaNumbers.Compare(value, k) < 0 || Fail(sink, path, "exclusiveMaximum", $"{n} must be less than {k.GetRawText()}");
            case "multipleOf":
                return SchemaNumbers.IsMultipleOf(value, k) || Fail(sink, path, "multipleOf", $"{n} is not a multiple of {k.GetRawText()}");
            default:
                return true;
        }
    }

    private bool CheckStringKeyword(string keyword, JsonElement k, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        switch (keyword)
        {
            case "minLength" when SchemaNumbers.AsCount(k) is { } min:
                var shortLength = CodePoints(value.GetString()!);
                return shortLength >= min || Fail(sink, path, "minLength", $"{Show(value)} is {shortLength} characters long, shorter than {min}");
            case "maxLength" when SchemaNumbers.AsCount(k) is { } max:
                var longLength = CodePoints(value.GetString()!);
                return longLength <= max || Fail(sink, path, "maxLength", $"is {longLength} characters long, longer than {max}");
            case "pattern" when k.ValueKind == JsonValueKind.String && schema.Pattern(k.GetString()!) is { } regex:
                return SafeIsMatch(regex, value.GetString()!) switch
                {
                    true => true,
                    false => Fail(sink, path, "pattern", $"{Show(value)} does not match the pattern {k.GetString()}"),
                    null => Fail(sink, path, "pattern", $"could not be checked against the pattern {k.GetString()} in time"),
                };
            default:
                return true;
        }
    }

    /// <summary>JSON Schema counts characters as code points: an emoji is one, not two UTF-16 units.</summary>
    private static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
            count++;
        return count;
    }

    /// <summary>Null when the match ran out of time (a pathological pattern): the caller denies rather than guesses.</summary>
    private static bool? SafeIsMatch(EcmaRegex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
