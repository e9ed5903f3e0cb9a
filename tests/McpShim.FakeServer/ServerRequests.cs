using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>
/// Requests this server sends to the client (sampling, elicitation). Ids are strings "srv-N" so they never collide
/// with the client's ids; the client's answers are matched here while other requests keep being served.
/// </summary>
internal sealed class ServerRequests(FrameWriter writer)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _pending = new();
    private int _lastId;

    /// <param name="id">An id of the test's choosing instead of "srv-N" (to play a server that reuses someone's ids).</param>
    /// <param name="escapeId">Spell every character of the id as a \u escape: the same id to a JSON reader.</param>
    /// <returns>The whole response frame sent back by the client.</returns>
    public Task<byte[]> SendAsync(string method, Action<Utf8JsonWriter> writeParams, string? id = null, bool escapeId = false)
    {
        id ??= "srv-" + Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;

        var output = new ArrayBufferWriter<byte>();
        var rawId = escapeId ? ShimIdGuesses.Escaped(id) : "\"" + JsonEncodedText.Encode(id).Value + "\"";
        JsonRpcFrames.Request(output, rawId, method, writeParams);
        writer.Write(output.WrittenSpan);
        return answer.Task;
    }

    public void Complete(IncomingFrame response, ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(response.Id);
        reader.Read();
        var id = response.IdIsString ? reader.GetString()! : System.Text.Encoding.UTF8.GetString(response.Id);
        if (_pending.TryRemove(id, out var answer))
            answer.SetResult(frame.ToArray());
        else
            StderrLog.Write($"response to unknown request id {id} ignored");
    }
}
