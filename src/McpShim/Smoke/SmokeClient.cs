using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using McpShim.Relay;

namespace McpShim.Smoke;

/// <summary>
/// A minimal MCP client over a server's stdio, for <c>mcpshim test</c>. Requests are numbered and written with
/// <see cref="Utf8JsonWriter"/> through a <see cref="FrameWriter"/>; a thread of its own reads stdout with
/// <see cref="FrameReader"/> and parses each frame with <see cref="JsonDocument"/>. Whatever on stdout is not JSON-RPC
/// is kept in <see cref="StdoutProblems"/>; requests from the server are answered "method not found".
/// </summary>
internal sealed class SmokeClient
{
    private const int PreviewChars = 120;
    private const int MethodNotFoundCode = -32601;

    private readonly Stream _serverOutput;
    private readonly FrameWriter _writer;
    private readonly long _maxFrameBytes;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonDocument?>> _pending = new();
    private readonly ConcurrentQueue<string> _stdoutProblems = new();
    private readonly ConcurrentQueue<string> _serverRequests = new();
    private readonly ConcurrentQueue<string> _withoutResultType = new();
    private readonly ConcurrentDictionary<long, bool> _abandoned = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private int _responses;
    private int _notifications;

    public SmokeClient(Stream serverInput, Stream serverOutput, long maxFrameBytes)
    {
        _writer = new FrameWriter(serverInput);
        _serverOutput = serverOutput;
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>Completes when the server's stdout ends.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Lines on stdout that were not JSON-RPC messages, described for the report.</summary>
    public IReadOnlyCollection<string> StdoutProblems => _stdoutProblems;

    /// <summary>Methods of the requests the server sent (roots/list, sampling/createMessage, ...).</summary>
    public IReadOnlyCollection<string> ServerRequests => _serverRequests;

    public int Notifications => Volatile.Read(ref _notifications);

    /// <summary>Methods whose result had no <c>resultType</c> (which every 2026-07-28 result carries).</summary>
    public IReadOnlyCollection<string> ResultsWithoutType => _withoutResultType;

    /// <summary>
    /// 2026-07-28: the <c>_meta</c> members (protocol version, client info, capabilities) every request carries, as
    /// a JSON object's members without the braces; null in the handshake era.
    /// </summary>
    public string? Meta { get; set; }

    public void Start() => new Thread(ReadLoop) { IsBackground = true, Name = "smoke-stdout" }.Start();

    /// <summary>Sends a request and waits for its answer; a timeout or a closed server becomes a reply with a problem.</summary>
    public async Task<JsonRpcReply> RequestAsync(
        string method, Action<Utf8JsonWriter>? writeParams, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonDocument?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var started = Stopwatch.GetTimestamp();
        double Elapsed() => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (_closed.Task.IsCompleted)
        {
            _pending.TryRemove(id, out _);
            return JsonRpcReply.Failed($"the server had already closed its stdout; '{method}' was not sent", 0);
        }

        if (Send(Build(id, method, writeParams, Meta)) is { } writeProblem)
        {
            _pending.TryRemove(id, out _);
            return JsonRpcReply.Failed($"could not send '{method}': {writeProblem}", Elapsed());
        }

        JsonDocument? document;
        try
        {
            document = await answer.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Its late answer, if one comes, is no stdout problem: the timeout is what gets reported.
            _abandoned[id] = true;
            _pending.TryRemove(id, out _);
            return JsonRpcReply.Failed($"no answer to '{method}' within {timeout.TotalSeconds:0.#} s (--timeout)", Elapsed());
        }

        if (document is null)
            return JsonRpcReply.Failed($"the server closed its stdout before answering '{method}'", Elapsed());
        if (document.RootElement.TryGetProperty("result", out var result) &&
            (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("resultType", out var type) || type.ValueKind != JsonValueKind.String))
            _withoutResultType.Enqueue(method);
        return JsonRpcReply.FromResponse(document, Elapsed());
    }

    /// <summary>Sends a notification; returns what went wrong, or null.</summary>
    public string? Notify(string method) => Send(Build(null, method, null, null));

    private static byte[] Build(long? id, string method, Action<Utf8JsonWriter>? writeParams, string? meta)
    {
        if (meta is not null)
            writeParams = WithMeta(writeParams, meta);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            if (id is { } number)
                json.WriteNumber("id", number);
            json.WriteString("method", method);
            if (writeParams is not null)
            {
                json.WritePropertyName("params");
                writeParams(json);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The params <paramref name="writeParams"/> writes, with <c>_meta</c> first (<c>{"_meta":{...}}</c> when there were none).</summary>
    private static Action<Utf8JsonWriter> WithMeta(Action<Utf8JsonWriter>? writeParams, string meta) => json =>
    {
        var inner = new ArrayBufferWriter<byte>(256);
        if (writeParams is not null)
        {
            using var innerJson = new Utf8JsonWriter(inner);
            writeParams(innerJson);
        }

        var rest = inner.WrittenCount > 2 ? "," + Encoding.UTF8.GetString(inner.WrittenSpan[1..]) : "}";
        json.WriteRawValue("{\"_meta\":{" + meta + "}" + rest, skipInputValidation: true);
    };

    private string? Send(ReadOnlySpan<byte> frame)
    {
        try
        {
            _writer.WriteFrame(frame);
            return null;
        }
        catch (IOException ex)
        {
            return $"the server's stdin is closed ({ex.Message})";
        }
    }

    private void ReadLoop()
    {
        var line = 0;
        try
        {
            var reader = new FrameReader(_serverOutput, _maxFrameBytes);
            while (reader.TryRead(out var item))
            {
                line++;
                switch (item.Kind)
                {
                    case FrameKind.Frame:
                        Handle(item.Bytes, line);
                        break;
                    case FrameKind.Oversized:
                        _stdoutProblems.Enqueue($"stdout line {line} is {item.Length} bytes, over the profile's maxFrameBytes; it was dropped");
                        break;
                    case FrameKind.TruncatedTail:
                        _stdoutProblems.Enqueue($"stdout ended with {item.Length} bytes that are not a complete JSON-RPC message: {Preview(item.Bytes)}");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe went away with the server: the same as end of stream.
        }
        finally
        {
            _closed.TrySetResult();
            foreach (var (_, answer) in _pending)
                answer.TrySetResult(null);
        }
    }

    private void Handle(ReadOnlySpan<byte> bytes, int line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray());
        }
        catch (JsonException)
        {
            NotJsonRpc(bytes, line, "is not JSON");
            return;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            document.Dispose();
            NotJsonRpc(bytes, line, "is JSON but not a JSON-RPC 2.0 message");
            return;
        }

        var hasId = root.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String;
        if (root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String)
        {
            if (hasId)
            {
                _serverRequests.Enqueue(method.GetString()!);
                Send(MethodNotFound(id, method.GetString()!));
            }
            else
            {
                Interlocked.Increment(ref _notifications);
            }

            document.Dispose();
            return;
        }

        if (hasId && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) && _pending.TryRemove(number, out var answer))
        {
            Interlocked.Increment(ref _responses);
            answer.TrySetResult(document);
            return;
        }

        if (hasId && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var late) && _abandoned.TryRemove(late, out _))
        {
            document.Dispose();
            return;
        }

        var what = root.TryGetProperty("error", out var error) ? $"an error ({Preview(Encoding.UTF8.GetBytes(error.GetRawText()))})" : "a response";
        var idText = root.TryGetProperty("id", out var anyId) ? anyId.GetRawText() : "(none)";
        document.Dispose();
        _stdoutProblems.Enqueue($"stdout line {line} is {what} for id {idText}, which is not a request waiting for an answer");
    }

    private void NotJsonRpc(ReadOnlySpan<byte> bytes, int line, string problem)
    {
        var when = Volatile.Read(ref _responses) == 0 ? ", before any response," : string.Empty;
        _stdoutProblems.Enqueue($"stdout line {line}{when} {problem}: {Preview(bytes)}");
    }

    private static byte[] MethodNotFound(JsonElement id, string method)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            json.WritePropertyName("id");
            id.WriteTo(json);
            json.WriteStartObject("error");
            json.WriteNumber("code", MethodNotFoundCode);
            json.WriteString("message", $"mcpshim test does not answer '{method}' (it advertises no client capabilities)");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The start of a line as a quoted, printable string.</summary>
    public static string Preview(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Length > PreviewChars * 4 ? bytes[..(PreviewChars * 4)] : bytes);
        var sb = new StringBuilder(Math.Min(text.Length, PreviewChars) + 8).Append('"');
        foreach (var c in text.Length > PreviewChars ? text[..PreviewChars] : text)
            sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.Append(text.Length > PreviewChars || bytes.Length > PreviewChars * 4 ? "…\"" : "\"").ToString();
    }
}
