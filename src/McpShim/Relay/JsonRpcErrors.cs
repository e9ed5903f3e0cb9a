using System.Buffers;
using System.Text.Json;

namespace McpShim.Relay;

/// <summary>Builds the JSON-RPC error responses mcpshim itself sends.</summary>
internal static class JsonRpcErrors
{
    /// <summary>Implementation-defined server error: the server is missing, dead or could not start.</summary>
    public const int ServerUnavailable = -32000;

    /// <summary>The frame is not JSON (or not JSON that every reader reads alike: see <see cref="FrameJudge"/>).</summary>
    public const int ParseError = -32700;

    /// <summary>The frame broke a relay limit (size), or cannot be read where a tool policy must read it.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>
    /// A tool the policy hides (MCP answers an unknown tool with -32602), or arguments that fail the tool's
    /// inputSchema.
    /// </summary>
    public const int InvalidParams = -32602;

    /// <summary>An answer mcpshim must read to pass on (a tools/list under a policy) could not be read.</summary>
    public const int InternalError = -32603;

    /// <summary>Implementation-defined: the user did not confirm a tool call, or could not be asked.</summary>
    public const int NotConfirmed = -32001;

    public static byte[] Build(string rawId, int code, string message, IReadOnlyList<string>? stderrTail = null, int? exitCode = null) =>
        Build(rawId, code, message, stderrTail is null && exitCode is null ? null : w =>
        {
            if (exitCode is { } exit)
                w.WriteNumber("exitCode", exit);
            if (stderrTail is not null)
            {
                w.WriteStartArray("stderr");
                foreach (var line in stderrTail)
                    w.WriteStringValue(line);
                w.WriteEndArray();
            }
        });

    /// <summary>Opens a JSON-RPC message to <paramref name="rawId"/>, the id written back byte for byte as the peer sent it.</summary>
    public static void StartMessage(Utf8JsonWriter w, string rawId)
    {
        w.WriteStartObject();
        w.WriteString("jsonrpc", "2.0");
        w.WritePropertyName("id");
        w.WriteRawValue(rawId, skipInputValidation: true);
    }

    /// <summary>An error response; <paramref name="writeData"/>, when given, writes the members of <c>error.data</c>.</summary>
    public static byte[] Build(string rawId, int code, string message, Action<Utf8JsonWriter>? writeData)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Json.ReadableJson.Options))
        {
            StartMessage(w, rawId);
            w.WriteStartObject("error");
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            if (writeData is not null)
            {
                w.WriteStartObject("data");
                writeData(w);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
