using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>Reads single properties out of a raw JSON object without building a document.</summary>
internal static class JsonArguments
{
    /// <summary>Finds a top-level property of <paramref name="json"/> and returns its raw JSON value.</summary>
    public static bool TryGetRaw(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (json.IsEmpty)
            return false;

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (match)
            {
                value = json[start..(int)reader.BytesConsumed];
                return true;
            }
        }

        return false;
    }

    public static bool TryGetInt(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, out int value)
    {
        value = 0;
        if (!TryGetRaw(json, name, out var raw))
            return false;

        var reader = new Utf8JsonReader(raw);
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    }

    public static string? GetString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        if (!TryGetRaw(json, name, out var raw))
            return null;

        var reader = new Utf8JsonReader(raw);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    public static bool IsString(ReadOnlySpan<byte> raw) => raw.Length >= 2 && raw[0] == (byte)'"';
}
