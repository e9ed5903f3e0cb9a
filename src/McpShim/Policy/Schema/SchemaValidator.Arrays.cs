using System.Globalization;
using System.Text.Json;

namespace McpShim.Policy.Schema;

internal sealed partial class SchemaValidator
{
    private bool CheckArrayKeyword(string keyword, JsonElement k, JsonElement subschema, JsonElement value, InstancePath path, List<SchemaViolation>? sink)
    {
        switch (keyword)
        {
            case "items" when k.ValueKind == JsonValueKind.Array:
                // Before 2020-12, an array of schemas is a tuple: item i against schema i.
                return CheckItems(value, path, sink, from: 0, to: k.GetArrayLength(), i => k[i]);
            case "items":
                var skip = subschema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array ? prefix.GetArrayLength() : 0;
                return CheckItems(value, path, sink, from: skip, to: int.MaxValue, _ => k);
            case "prefixItems" when k.ValueKind == JsonValueKind.Array:
                return CheckItems(value, path, sink, from: 0, to: k.GetArrayLength(), i => k[i]);
            case "additionalItems" when subschema.TryGetProperty("items", out var tuple) && tuple.ValueKind == JsonValueKind.Array:
                return CheckItems(value, path, sink, from: tuple.GetArrayLength(), to: int.MaxValue, _ => k);
            case "minItems" when k.TryGetInt32(out var min):
                return value.GetArrayLength() >= min || Fail(sink, path, "minItems", $"has {Items(value.GetArrayLength())}, fewer than {min}");
            case "maxItems" when k.TryGetInt32(out var max):
                return value.GetArrayLength() <= max || Fail(sink, path, "maxItems", $"has {Items(value.GetArrayLength())}, more than {max}");
            case "uniqueItems" when k.ValueKind == JsonValueKind.True:
                return CheckUnique(value, path, sink);
            case "contains":
                return value.EnumerateArray().Any(item => Check(k, item, path, null)) || Fail(sink, path, "contains", "no item matches the schema in 'contains'");
            default:
                return true;
        }
    }

    private bool CheckItems(JsonElement array, InstancePath path, List<SchemaViolation>? sink, int from, int to, Func<int, JsonElement> schemaFor)
    {
        var ok = true;
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (index >= from && index < to)
            {
                ok &= Check(schemaFor(index), item, path.Item(index), sink);
                if (!ok && sink is null)
                    return false;
            }

            index++;
        }

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

    private static string Items(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " item" : " items");
}
