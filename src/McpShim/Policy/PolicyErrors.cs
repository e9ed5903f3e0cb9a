using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpShim.Policy.Schema;

namespace McpShim.Policy;

/// <summary>
/// The JSON-RPC error a denied call gets. <c>message</c> says which rule and how to change it; <c>data</c> carries
/// the same facts for programs: <c>{"reason": ..., "tool": ..., "profile": ..., "violations": [...]}</c>.
/// </summary>
internal static class PolicyErrors
{
    // Quotes and apostrophes as themselves: the message is read by people and models, and stdio JSON is not HTML.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(string rawId, int code, string message, string reason, string? tool, string profile, IReadOnlyList<SchemaViolation>? violations = null)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Readable))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WritePropertyName("id");
            w.WriteRawValue(rawId, skipInputValidation: true);
            w.WriteStartObject("error");
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            w.WriteStartObject("data");
            w.WriteString("reason", reason);
            if (tool is not null)
                w.WriteString("tool", tool);
            w.WriteString("profile", profile);
            if (violations is { Count: > 0 })
            {
                w.WriteStartArray("violations");
                foreach (var violation in violations)
                {
                    w.WriteStartObject();
                    w.WriteString("path", violation.Path);
                    w.WriteString("rule", violation.Rule);
                    w.WriteString("message", violation.Message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
