using System.Text.Json;

namespace McpShim.Policy.Schema;

/// <summary>JSON equality as JSON Schema means it (for enum, const, uniqueItems): 1 equals 1.0, key order does not matter.</summary>
internal static class JsonValueEquality
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
            return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return SchemaNumbers.Compare(a, b) == 0;
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                    return false;
                using (var x = a.EnumerateArray().GetEnumerator())
                using (var y = b.EnumerateArray().GetEnumerator())
                {
                    while (x.MoveNext() && y.MoveNext())
                    {
                        if (!AreEqual(x.Current, y.Current))
                            return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var count = 0;
                foreach (var property in a.EnumerateObject())
                {
                    count++;
                    if (!b.TryGetProperty(property.Name, out var other) || !AreEqual(property.Value, other))
                        return false;
                }

                return count == b.EnumerateObject().Count();
            default:
                return true; // true, false, null: same kind is same value
        }
    }
}
