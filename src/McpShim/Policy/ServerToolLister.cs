using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using McpShim.Cli;
using McpShim.Containers;
using McpShim.Relay;

namespace McpShim.Policy;

/// <summary>
/// Asks a server for its tools the way a client would, for <c>mcpshim pin</c>: <c>initialize</c>,
/// <c>notifications/initialized</c>, then every page of <c>tools/list</c>. It declares sampling and elicitation,
/// the capabilities hosts commonly have, because some servers list more tools to clients that have them; a session
/// whose client has fewer sees a subset, which pins cover.
/// </summary>
internal static class ServerToolLister
{
    public static async Task<List<ToolDefinition>> ListAsync(ServerProcess server, long maxFrameBytes, TimeSpan timeout)
    {
        var listing = Task.Factory.StartNew(() => List(server.Input, server.Output, maxFrameBytes), TaskCreationOptions.LongRunning);
        try
        {
            return await listing.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new ToolListingException($"the server did not list its tools within {timeout.TotalSeconds:0} s.");
        }
    }

    private static List<ToolDefinition> List(Stream input, Stream output, long maxFrameBytes)
    {
        var writer = new FrameWriter(input);
        var reader = new FrameReader(output, maxFrameBytes);
        var id = 1;
        Call(writer, reader, id, "initialize",
            $$$"""{"protocolVersion":"2025-06-18","capabilities":{"sampling":{},"elicitation":{}},"clientInfo":{"name":"mcpshim-pin","version":"{{{ShimVersion.Value}}}"}}""");
        writer.WriteFrame("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8);

        var tools = new List<ToolDefinition>();
        string? cursor = null;
        do
        {
            var parameters = cursor is null ? "{}" : "{\"cursor\":\"" + JsonEncodedText.Encode(cursor).Value + "\"}";
            var (frame, info) = Call(writer, reader, ++id, "tools/list", parameters);
            var page = ToolListPage.Read(frame, info.ResultStart)
                       ?? throw new ToolListingException("its tools/list answer has no \"tools\" array.");
            tools.AddRange(page.ReadDefinitions(frame).OfType<ToolDefinition>());
            cursor = page.NextCursor;
        }
        while (cursor is not null && id < 1000);

        return tools;
    }

    /// <summary>Sends a request and reads frames until its answer; the server's own requests get minimal answers.</summary>
    private static (byte[] Frame, FrameInfo Info) Call(FrameWriter writer, FrameReader reader, int id, string method, string parameters)
    {
        var idText = id.ToString(CultureInfo.InvariantCulture);
        writer.WriteFrame(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{idText}},"method":"{{method}}","params":{{parameters}}}"""));
        while (reader.TryRead(out var item))
        {
            if (item.Kind != FrameKind.Frame)
                continue;
            var info = FrameInspector.Inspect(item.Bytes, keepArgumentValues: false);
            if (info is { Kind: MessageKind.Request, Id: { } serverRequest })
            {
                writer.WriteFrame(info.Method == "ping"
                    ? Encoding.UTF8.GetBytes($$$"""{"jsonrpc":"2.0","id":{{{serverRequest.ToJson()}}},"result":{}}""")
                    : JsonRpcErrors.Build(serverRequest.ToJson(), -32601, "mcpshim pin only lists tools"));
                continue;
            }

            if (info is not { Kind: MessageKind.Response, Id: { } answered } || answered.ToJson() != idText)
                continue;
            var frame = item.Bytes.ToArray();
            if (info.IsErrorResponse)
                throw new ToolListingException($"it answered {method} with an error: {ErrorMessage(frame)}");
            return (frame, info);
        }

        throw new ToolListingException($"it closed its stdout before answering {method}.");
    }

    private static string ErrorMessage(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.TryGetProperty("error", out var error) ? error.GetRawText() : "(none)";
    }
}
