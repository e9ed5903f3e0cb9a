using System.Text.Json;

namespace McpShim.Policy.Schema;

internal sealed partial class SchemaValidator
{
    private bool CheckArrayKeyword(string keyword, JsonElement k, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        var subschema = node.Schema;
        switch (keyword)
        {
            case "items" when k.ValueKind == JsonValueKind.Array:
                // Before 2020-12, an array of schemas is a tuple: item i against schema i.
                parts?.ItemsUpTo(k.GetArrayLength());
                return CheckItems(node, value, path, sink, from: 0, to: k.GetArrayLength(), i => k[i]);
            case "items":
                var skip = node.Dialect.Version >= 2020 && subschema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array ? prefix.GetArrayLength() : 0;
                parts?.AllItems();
                return CheckItems(node, value, path, sink, from: skip, to: int.MaxValue, _ => k);
            case "prefixItems" when k.ValueKind == JsonValueKind.Array:
                parts?.ItemsUpTo(k.GetArrayLength());
                return CheckItems(node, value, path, sink, from: 0, to: k.GetArrayLength(), i => k[i]);
            case "additionalItems" when subschema.TryGetProperty("items", out var tuple) && tuple.ValueKind == JsonValueKind.Array:
                // Also in a schema without "$schema" (2020-12 for MCP): an array "items" says it is draft-07 style.
                parts?.AllItems();
                return CheckItems(node, value, path, sink, from: tuple.GetArrayLength(), to: int.MaxValue, _ => k);
            case "minItems" when SchemaNumbers.AsCount(k) is { } min:
                return value.GetArrayLength() >= min || Fail(sink, path, "minItems", $"has {Count(value.GetArrayLength(), "item")}, fewer than {min}");
            case "maxItems" when SchemaNumbers.AsCount(k) is { } max:
                return value.GetArrayLength() <= max || Fail(sink, path, "maxItems", $"has {Count(value.GetArrayLength(), "item")}, more than {max}");
            case "uniqueItems" when k.ValueKind == JsonValueKind.True:
                return CheckUnique(value, path, sink);
            case "contains":
                return CheckContains(registry.Child(node, k), node, value, path, sink, parts);
            default:
                return true;
        }
    }

    private bool CheckItems(SchemaNode node, JsonElement array, InstancePath path, List<SchemaViolation>? sink, int from, int to, Func<int, JsonElement> schemaFor)
    {
        var ok = true;
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (index >= from && index < to)
            {
                ok &= Check(registry.Child(node, schemaFor(index)), item, path.Item(index), sink, null);
                if (!ok && sink is null)
                    return false;
            }

            index++;
        }

        return ok;
    }

    /// <summary><c>contains</c> with 2019-09's <c>minContains</c> and <c>maxContains</c>; the matching items count as evaluated (2020-12).</summary>
    private bool CheckContains(SchemaNode contains, SchemaNode node, JsonElement array, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        var min = 1;
        int? max = null;
        if (node.Dialect.Version >= 2019)
        {
            if (node.Schema.TryGetProperty("minContains", out var minContains) && SchemaNumbers.AsCount(minContains) is { } least)
                min = least;
            if (node.Schema.TryGetProperty("maxContains", out var maxContains) && SchemaNumbers.AsCount(maxContains) is { } most)
                max = most;
        }

        var matches = 0;
        var index = 0;
        var all = parts is not null || max is not null;
        foreach (var item in array.EnumerateArray())
        {
            if (Check(contains, item, path.Item(index), null, null))
            {
                matches++;
                if (node.Dialect.Version >= 2020)
                    parts?.Item(index);
                if (!all && matches >= min)
                    break;
            }

            index++;
        }

        if (matches < min)
        {
            return Fail(sink, path, "contains", min == 1
                ? "no item matches the schema in 'contains'"
                : $"{Count(matches, "item")} match the schema in 'contains', fewer than {min} (minContains)");
        }

        return max is null || matches <= max || Fail(sink, path, "maxContains", $"{Count(matches, "item")} match the schema in 'contains', more than {max}");
    }

    /// <summary>Every item no keyword here or in a passing in-place subschema evaluated.</summary>
    private bool CheckUnevaluatedItems(SchemaNode unevaluated, JsonElement array, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        var ok = true;
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (parts?.HasItem(index) != true)
            {
                ok &= unevaluated.Schema.ValueKind == JsonValueKind.False
                    ? Fail(sink, path.Item(index), "unevaluatedItems", "no item is allowed here (no subschema here evaluates it)")
                    : Check(unevaluated, item, path.Item(index), sink, null);
                if (!ok && sink is null)
                    return false;
            }

            index++;
        }

        parts?.AllItems();
        return ok;
    }

    private static bool CheckUnique(JsonElement array, InstancePath path, List<SchemaViolation>? sink)
    {
        var items = array.EnumerateArray().ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            for (var j = i + 1; j < items.Length; j++)
            {
                if (JsonValueEquality.AreEqual(items[i], items[j]))
                    return Fail(sink, path, "uniqueItems", $"items {i} and {j} are equal");
            }
        }

        return true;
    }
}
