using System.Diagnostics;
using McpShim.Audit;
using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Relay;

/// <summary>
/// Watches frames both ways: remembers the client's requests until answered, writes an audit line per
/// <c>tools/call</c>, and answers frames too big to relay.
/// </summary>
internal sealed class SessionTracker(AuditRecorder audit, ILogger logger, long maxFrameBytes) : IFrameObserver
{
    private int _toolCalls;

    public PendingRequests Pending { get; } = new();

    public int ToolCalls => Volatile.Read(ref _toolCalls);

    /// <summary>Where mcpshim's own answers to the client go. Set before the pumps start.</summary>
    public FrameWriter? ClientWriter { get; set; }

    /// <summary>Where mcpshim's own answers to the server go. Set before the pumps start.</summary>
    public FrameWriter? ServerWriter { get; set; }

    public void OnFrame(Direction direction, ReadOnlySpan<byte> frame) =>
        Track(direction, FrameInspector.Inspect(frame, keepArgumentValues: audit.ArgumentsMode == ArgumentsMode.Full), frame, frame.Length);

    public void OnStreamedFrame(Direction direction, FrameInfo info, long length) => Track(direction, info, default, length);

    private void Track(Direction direction, in FrameInfo info, ReadOnlySpan<byte> frame, long length)
    {
        switch (info.Kind)
        {
            case MessageKind.Other:
                Log.FrameNotJsonRpc(logger, direction, length);
                break;
            case MessageKind.Request when direction == Direction.ClientToServer && info.Id is { } id:
                if (info.Method == FrameInspector.ToolsCall)
                    Interlocked.Increment(ref _toolCalls);
                Pending.Add(new PendingRequest(id, info.Method!, Stopwatch.GetTimestamp(), length, info.ToolName, info.Arguments));
                break;
            case MessageKind.Response when direction == Direction.ServerToClient && info.Id is { } answered:
                if (Pending.Remove(answered) is { IsToolCall: true } call)
                {
                    var outcome = info.IsErrorResponse ? AuditOutcome.Error : info.ToolErrorIn(frame) ? AuditOutcome.ToolError : AuditOutcome.Ok;
                    audit.ToolCall(call, outcome, length);
                }

                break;
        }
    }

    public void OnOversized(Direction direction, long length, OversizedEnvelope envelope)
    {
        Log.OversizedFrame(logger, direction, length, maxFrameBytes, envelope.Method ?? "(response)");
        if (envelope.RawId is null)
            return;
        var message = $"mcpshim: a {(envelope.Method is null ? "response" : "request")} of {length} bytes exceeds the maximum " +
                      $"frame size of {maxFrameBytes} bytes and was dropped. Raise \"maxFrameBytes\" in the profile if this is expected.";
        var error = JsonRpcErrors.Build(envelope.RawId, JsonRpcErrors.InvalidRequest, message);
        var toClient = direction == Direction.ClientToServer ? envelope.Method is not null : envelope.Method is null;
        if (direction == Direction.ServerToClient && envelope.Method is null && Pending.Remove(RequestKey.FromJson(envelope.RawId)) is { IsToolCall: true } call)
            audit.ToolCall(call, AuditOutcome.Error, length);
        try
        {
            // A request is answered to its sender; a lost response is replaced by an error for its receiver.
            (toClient ? ClientWriter : ServerWriter)?.WriteFrame(error);
        }
        catch (IOException)
        {
            // That side is gone; the session ends on its own.
        }
    }
}
