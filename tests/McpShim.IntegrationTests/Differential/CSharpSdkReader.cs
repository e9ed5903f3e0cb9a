using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// The official C# SDK's stdio reading, with the SDK's own deserializer: StreamReader lines ('\r', '\n' and '\r\n'
/// each end one; bad bytes become U+FFFD), System.Text.Json with MaxDepth 64 and the SDK's converters (the last of
/// equal envelope keys wins; a JsonObject with equal keys throws when params are read).
/// </summary>
internal sealed class CSharpSdkReader : IReaderEmulation
{
    private static readonly UTF8Encoding Replacing = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public string Name => "csharp-sdk";

    public IReadOnlyList<ReadMessage> Read(ReadOnlySpan<byte> stream)
    {
        // StreamReader drops a UTF-8 byte order mark at the very start.
        if (stream.StartsWith("\uFEFF"u8))
            stream = stream[3..];
        var messages = new List<ReadMessage>();
        foreach (var line in LineSplitter.Universal(Replacing.GetString(stream)))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (ToMessage(line) is { } message)
                messages.Add(message);
        }
        return messages;
    }

    private static ReadMessage? ToMessage(string line)
    {
        JsonRpcMessage? message;
        try
        {
            message = (JsonRpcMessage?)JsonSerializer.Deserialize(line, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)));
            using var envelope = JsonDocument.Parse(line);
            if (!envelope.RootElement.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
                return null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return null; // the SDK logs the line as unparseable and reads on
        }
        return message switch
        {
            JsonRpcRequest request => new ReadMessage(request.Method, IdText(request.Id), request.Method == "tools/call" ? ToolName(request.Params) : null),
            JsonRpcNotification notification => new ReadMessage(notification.Method, null, null),
            _ => null,
        };
    }

    private static string? IdText(RequestId id) => id.Id switch
    {
        string s => RequestIdText.String(s),
        long n => RequestIdText.Number(n),
        _ => null,
    };

    private static string? ToolName(JsonNode? parameters)
    {
        try
        {
            return parameters is JsonObject o && o["name"] is JsonValue name && name.TryGetValue<string>(out var tool) ? tool : null;
        }
        catch (ArgumentException)
        {
            return null; // equal keys in params: the SDK's handler fails before any tool runs
        }
    }
}
