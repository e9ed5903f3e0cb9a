using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace McpShim.Policy;

/// <summary>
/// The pin of a tool: SHA-256 over a canonical JSON of its name, description and inputSchema (object keys sorted,
/// no whitespace), so the same definition hashes the same whatever the server's key order or spacing. A crypto hash,
/// because the server is the party that might want a collision (a rug pull).
/// </summary>
internal static class ToolDefinitionHash
{
    public static string Compute(string name, string? description, JsonElement inputSchema)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (description is null)
                w.WriteNull("description");
            else
                w.WriteString("description", description);
            w.WritePropertyName("inputSchema");
            if (inputSchema.ValueKind == JsonValueKind.Undefined)
                w.WriteNullValue();
            else
                WriteCanonical(w, inputSchema);
            w.WriteString("name", name);
            w.WriteEndObject();
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteCanonical(Utf8JsonWriter w, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    w.WritePropertyName(property.Name);
                    WriteCanonical(w, property.Value);
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                    WriteCanonical(w, item);
                w.WriteEndArray();
                break;
            case JsonValueKind.String:
                w.WriteStringValue(value.GetString());
                break;
            default:
                w.WriteRawValue(value.GetRawText(), skipInputValidation: true); // numbers as written, true/false/null
                break;
        }
    }
}
