using System.Security.Cryptography;
using System.Text.Json;

namespace McpShim.Policy;

/// <summary>
/// A SHA-256 of a JSON value in one canonical spelling (object members sorted, no whitespace, numbers as written,
/// strings in one escaping), so an approval binds a call's arguments however the client spells them on its retry.
/// </summary>
internal static class CanonicalJson
{
    public static string Hash(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
            Write(w, value);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void Write(Utf8JsonWriter w, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var member in value.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    w.WritePropertyName(member.Name);
                    Write(w, member.Value);
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                    Write(w, item);
                w.WriteEndArray();
                break;
            case JsonValueKind.String:
                w.WriteStringValue(value.GetString());
                break;
            case JsonValueKind.Undefined:
                w.WriteNullValue();
                break;
            default:
                w.WriteRawValue(value.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
