using System.Text.Json;

namespace McpShim.Json;

/// <summary>
/// The object form of a profile value that may also be written as a plain name (<c>"engine"</c>, a secret): an object
/// whose members are all strings, each one of <paramref name="known"/>. Anything else names what is accepted.
/// </summary>
internal static class StringMembers
{
    public static Dictionary<string, string?> Read(ref Utf8JsonReader reader, string what, params string[] known)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String || !known.Contains(key, StringComparer.Ordinal))
                throw new JsonException($"unknown key '{key}' in {what} (known keys: {string.Join(", ", known)}), or not a string");
            values[key] = reader.GetString();
        }

        return values;
    }
}
