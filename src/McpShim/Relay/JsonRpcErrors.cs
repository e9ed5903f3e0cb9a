using System.Buffers;
using System.Text.Json;

namespace McpShim.Relay;

/// <summary>Builds the JSON-RPC error responses mcpshim itself sends.</summary>
internal static class JsonRpcErrors
{
    /// <summary>Implementation-defined server error: the server is missing, dead or could not start.</summary>
    public const int ServerUnavailable = -32000;

    /// <summary>The frame broke a relay limit (size).</summary>
    public const int InvalidRequest = -32600;

    public static byte[] Build(string rawId, int code, string message, IReadOnlyList<string>? stderrTail = null, int? exitCode = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WritePropertyName("id");
            w.WriteRawValue(rawId, skipInputValidation: true);
            w.WriteStartObject("error");
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            if (stderrTail is not null || exitCode is not null)
            {
                w.WriteStartObject("data");
                if (exitCode is { } exit)
                    w.WriteNumber("exitCode", exit);
                if (stderrTail is not null)
                {
                    w.WriteStartArray("stderr");
                    foreach (var line in stderrTail)
                        w.WriteStringValue(line);
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
