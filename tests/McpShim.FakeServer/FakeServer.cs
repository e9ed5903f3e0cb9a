using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>The read loop: one frame at a time from stdin, quick answers inline, slow ones in the background.</summary>
internal sealed class FakeServer
{
    private const string DefaultProtocolVersion = "2025-06-18";

    private readonly FakeServerOptions _options;
    private readonly FrameWriter _writer;
    private readonly ToolCatalog _catalog;
    private readonly ToolCalls _tools;
    private readonly ServerRequests _serverRequests;
    private readonly ShimIdGuesses _guesses;

    // Reused for every inline answer: a ping allocates nothing.
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private int _requests;
    private int _toolCalls;

    public FakeServer(FakeServerOptions options, FrameWriter writer)
    {
        _options = options;
        _writer = writer;
        _catalog = new ToolCatalog(options.EchoDescription, options.StoreTool, options.Cacheable);
        _serverRequests = new ServerRequests(writer);
        _tools = new ToolCalls(writer, _serverRequests, _catalog);
        _guesses = new ShimIdGuesses(writer);
    }

    /// <summary>Serves until stdin ends.</summary>
    public void Run(Stream input)
    {
        var reader = new StdinFrameReader(input, _writer.Flush);
        if (_options.RecordFile is { } recordFile && reader.TryReadFrame(out var first))
        {
            var receivedAt = RealtimeClock.NowMicroseconds();
            Handle(first);
            _writer.Flush();
            File.AppendAllText(recordFile, receivedAt.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        while (reader.TryReadFrame(out var frame))
            Handle(frame);
        _writer.Flush();
    }

    private void Handle(ReadOnlySpan<byte> frame)
    {
        if (_options.FramesFile is { } framesFile)
        {
            using var file = new FileStream(framesFile, FileMode.Append, FileAccess.Write);
            file.Write(frame);
            file.Write("\n"u8);
        }

        IncomingFrame message;
        try
        {
            message = IncomingFrame.Parse(frame);
        }
        catch (JsonException e)
        {
            StderrLog.Write($"unreadable frame ({frame.Length} bytes): {e.Message}");
            Send(output => JsonRpcFrames.Error(output, default, JsonRpcFrames.ParseError, "Parse error: " + e.Message));
            return;
        }

        if (message.IsResponse)
        {
            if (!_guesses.TryComplete(message, frame))
                _serverRequests.Complete(message, frame);
            return;
        }

        if (message.IsNotification)
            return;

        if (!message.IsRequest)
        {
            Send(output => JsonRpcFrames.Error(output, default, JsonRpcFrames.InvalidRequest, "Invalid Request"));
            return;
        }

        _requests++;
        if (_options.CrashAfter is { } crashAfter && _requests >= crashAfter)
        {
            _writer.Flush();
            StderrLog.Write($"crashing after {_requests} requests");
            Environment.Exit(3);
        }

        if (_options.GuessShimIds)
            _guesses.SendFor(message);
        _output.ResetWrittenCount();
        Dispatch(message);
        if (_output.WrittenCount > 0)
            _writer.Enqueue(_options.Stateless ? WithResultType(_output.WrittenSpan, message.Method) : _output.WrittenSpan);

        if (message.Method.SequenceEqual("tools/call"u8))
            AfterToolCall();
    }

    /// <summary>2026-07-28: every result says <c>resultType</c>; an answer that lacks it gets <c>"complete"</c>.</summary>
    private byte[] WithResultType(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> method)
    {
        var result = frame.IndexOf(",\"result\":{"u8);
        var skip = _options.StatelessViolations && method.SequenceEqual("tools/call"u8);
        if (result < 0 || skip || frame.IndexOf("\"resultType\""u8) >= 0)
        {
            if (skip && _toolCalls == 0)
            {
                // A request on stdout, which 2026-07-28 forbids a stdio server; sent before the answer it leads.
                _writer.Enqueue(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":\"srv-roots\",\"method\":\"roots/list\"}\n"));
            }

            return frame.ToArray();
        }

        var at = result + ",\"result\":{"u8.Length;
        return [.. frame[..at], .. "\"resultType\":\"complete\","u8, .. frame[at..]];
    }

    private void Dispatch(IncomingFrame request)
    {
        var method = request.Method;
        if (method.SequenceEqual("server/discover"u8) && _options.Stateless)
        {
            JsonRpcFrames.Result(_output, request.Id, WriteDiscoverResult);
        }
        else if (method.SequenceEqual("ping"u8))
        {
            JsonRpcFrames.RawResult(_output, request.Id, "{}"u8);
        }
        else if (method.SequenceEqual("tools/call"u8))
        {
            _tools.Call(request.Id, request.ToolCall, _output);
        }
        else if (method.SequenceEqual("tools/list"u8))
        {
            if (_options.PageSize is not { } pageSize)
                JsonRpcFrames.RawResult(_output, request.Id, _catalog.ListResult);
            else if (_catalog.Page(JsonArguments.GetString(request.Params, "cursor"u8), pageSize) is { } page)
                JsonRpcFrames.RawResult(_output, request.Id, page);
            else
                JsonRpcFrames.Error(_output, request.Id, JsonRpcFrames.InvalidParams, "Invalid cursor");
        }
        else if (method.SequenceEqual("initialize"u8))
        {
            if (_options.StdoutBeforeInit is { } text)
                _writer.Enqueue(Encoding.UTF8.GetBytes(text + "\n"));
            var version = JsonArguments.GetString(request.Params, "protocolVersion"u8) ?? DefaultProtocolVersion;
            JsonRpcFrames.Result(_output, request.Id, json => WriteInitializeResult(json, version));
        }
        else
        {
            JsonRpcFrames.Error(
                _output, request.Id, JsonRpcFrames.MethodNotFound, "Method not found: " + Encoding.UTF8.GetString(method));
        }
    }

    private static void WriteDiscoverResult(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("resultType", "complete");
        json.WriteStartArray("supportedVersions");
        json.WriteStringValue("2026-07-28");
        json.WriteStringValue("2025-11-25");
        json.WriteEndArray();
        json.WriteStartObject("capabilities");
        json.WriteStartObject("tools");
        json.WriteBoolean("listChanged", true);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("_meta");
        json.WriteStartObject("io.modelcontextprotocol/serverInfo");
        json.WriteString("name", "fake-mcp-server");
        json.WriteString("version", "1.0.0");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteNumber("ttlMs", 60000);
        json.WriteString("cacheScope", "public");
        json.WriteEndObject();
    }

    private static void WriteInitializeResult(Utf8JsonWriter json, string protocolVersion)
    {
        json.WriteStartObject();
        json.WriteString("protocolVersion", protocolVersion);
        json.WriteStartObject("capabilities");
        json.WriteStartObject("tools");
        json.WriteBoolean("listChanged", true);
        json.WriteEndObject();
        json.WriteStartObject("logging");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("serverInfo");
        json.WriteString("name", "fake-mcp-server");
        json.WriteString("version", "1.0.0");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void AfterToolCall()
    {
        _toolCalls++;
        if (_options.ToolsChangeAfter is not { } after || _toolCalls != after || _catalog.HasLate)
            return;

        _catalog.AddLateTool();
        Send(output => JsonRpcFrames.Notification(output, "notifications/tools/list_changed", writeParams: null));
    }

    private void Send(Action<ArrayBufferWriter<byte>> build)
    {
        _output.ResetWrittenCount();
        build(_output);
        _writer.Enqueue(_output.WrittenSpan);
    }
}
