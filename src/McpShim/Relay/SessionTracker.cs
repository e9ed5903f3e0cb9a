using System.Diagnostics;
using System.Text.Json;
using McpShim.Audit;
using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Relay;

/// <summary>
/// Watches frames both ways: remembers the client's requests until answered, writes an audit line per
/// <c>tools/call</c>, and answers frames too big to relay. It never changes a frame; a tool policy
/// (<see cref="Policy.PolicyEnforcer"/>) wraps it and uses its parts when it does.
/// </summary>
internal sealed class SessionTracker(AuditRecorder audit, ILogger logger, long maxFrameBytes) : IFrameObserver
{
    private int _toolCalls;
    private bool _stagingRun; // only the client-to-server pump's thread touches it
    private bool _answeringRun; // only the server-to-client pump's thread touches it

    public PendingRequests Pending { get; } = new();

    /// <summary>The session's era, version and peers, learned from its first frames; audited once known.</summary>
    public SessionProtocol Protocol { get; } = new() { OnSettled = audit.SessionProtocol };

    /// <summary>
    /// Whether every envelope must be read by the validating parser: set under a tool policy, which must see a frame
    /// exactly as the server will. Without one, <see cref="PlainEnvelope"/> reads the common small frames faster.
    /// </summary>
    public bool ValidatesEnvelopes { get; init; }

    public int ToolCalls => Volatile.Read(ref _toolCalls);

    /// <summary>Where mcpshim's own answers to the client go. Set before the pumps start.</summary>
    public FrameWriter? ClientWriter { get; set; }

    /// <summary>Where mcpshim's own answers to the server go. Set before the pumps start.</summary>
    public FrameWriter? ServerWriter { get; set; }

    /// <summary>Where mcpshim's own answers to the client go from a pump thread: queued, so a pump never waits on the other gate.</summary>
    public FrameOutbox? ClientOutbox { get; set; }

    /// <summary>The profile, named in the errors mcpshim sends.</summary>
    public string Profile { get; init; } = "";

    public FrameVerdict OnFrame(Direction direction, ReadOnlySpan<byte> frame)
    {
        // Most frames of a busy session are pings, lists and their answers in the compact shape: read as a template,
        // tracked without building their FrameInfo. The template leaves nothing unread in a request, so a client's
        // request that matches it needs no further judging; anything else from the client is judged whole.
        if (!ValidatesEnvelopes && PlainEnvelope.TryReadCompact(frame, out var id, out var method, out var resultStart))
        {
            if (method is not null)
            {
                if (direction != Direction.ClientToServer)
                    return FrameVerdict.Forward;
                if (_stagingRun)
                    Pending.Stage(new RequestKey(id, null), method);
                else
                    Pending.Add(new RequestKey(id, null), method);
                return FrameVerdict.Forward;
            }

            if (direction == Direction.ServerToClient)
            {
                if (Remove(new RequestKey(id, null), out var answered, out var request))
                {
                    if (request is { IsToolCall: true })
                        AuditToolCall(request, FrameInspector.ResultIsError(frame[resultStart..]) ? AuditOutcome.ToolError : AuditOutcome.Ok, frame.Length);
                    if (!Protocol.Settled)
                        Protocol.OnServerAnswer(answered, frame);
                }

                return FrameVerdict.Forward;
            }
        }

        if (direction == Direction.ClientToServer)
        {
            var problem = JudgeClientFrame(frame, out var info);
            if (problem != FrameProblem.None)
            {
                Refuse(direction, frame, problem, info);
                return FrameVerdict.Drop;
            }

            Learn(info, frame);
            Track(direction, info, frame, frame.Length);
            return FrameVerdict.Forward;
        }

        Track(direction, Inspect(frame), frame, frame.Length);
        return FrameVerdict.Forward;
    }

    /// <summary>
    /// Judges a whole frame from the client as every mainstream reader would read it (<see cref="FrameJudge"/>), then
    /// the messages in it: a request's id must be written plainly, a <c>tools/call</c> must have one, and a batch
    /// must hold only messages, each saying <c>"jsonrpc": "2.0"</c> (read by the inspector in the same pass as the rest).
    /// <paramref name="info"/> is the envelope, as far as it could be read.
    /// </summary>
    public FrameProblem JudgeClientFrame(ReadOnlySpan<byte> frame, out FrameInfo info)
    {
        var keepValues = audit.ArgumentsMode == ArgumentsMode.Full;
        FrameProblem problem;
        if (frame.Length >= SplitJudge.MinBytes)
        {
            problem = SplitJudge.Check(frame, keepValues, out info);
        }
        else
        {
            problem = FrameJudge.Check(frame);
            info = problem == FrameProblem.None ? FrameInspector.Inspect(frame, keepValues) : FrameInfo.Other;
        }

        if (problem != FrameProblem.None)
            return problem;
        if (info.Kind != MessageKind.Other)
            return info.SaysJsonRpc20 ? JudgeClientMessage(info) : FrameProblem.NotJsonRpc;
        var batch = BatchMessages(frame);
        if (batch is null || batch.Count == 0)
            return FrameProblem.NotJsonRpc;
        foreach (var range in batch)
        {
            var message = FrameInspector.Inspect(frame[range], keepArgumentValues: false);
            problem = message.Kind == MessageKind.Other || !message.SaysJsonRpc20 ? FrameProblem.NotJsonRpc : JudgeClientMessage(message);
            if (problem != FrameProblem.None)
                return problem;
        }

        return FrameProblem.None;
    }

    /// <summary>A judged client request: the session's era and client, while they are not known yet.</summary>
    public void Learn(in FrameInfo info, ReadOnlySpan<byte> frame)
    {
        if (!Protocol.Settled && info is { Kind: MessageKind.Request, Method: { } method })
            Protocol.OnClientRequest(method, frame);
    }

    private static FrameProblem JudgeClientMessage(in FrameInfo info) => info switch
    {
        { Kind: MessageKind.Request, NonCanonicalId: true } => FrameProblem.IdForm,
        { Kind: MessageKind.Notification, Method: FrameInspector.ToolsCall } => FrameProblem.NotJsonRpc,
        _ => FrameProblem.None,
    };

    /// <summary>
    /// A frame that is not forwarded: the sender of a client frame gets a JSON-RPC error (with the request's id when
    /// it had one plain id), and the audit gets a <c>frame.refused</c> line.
    /// </summary>
    public void Refuse(Direction direction, ReadOnlySpan<byte> frame, FrameProblem problem, in FrameInfo info)
    {
        var why = problem.Explain();
        Log.FrameRefused(logger, direction, frame.Length, problem.Name(), why);
        var plainId = info is { Kind: MessageKind.Request, NonCanonicalId: false, Id: { } id } ? id.ToJson() : null;
        if (direction != Direction.ClientToServer)
        {
            audit.FrameRefused("server", problem.Name(), frame.Length, info.Method, plainId, info.ToolName);
            return;
        }

        // A frame refused before its envelope could be read still gets its error under its id, when it has one plain
        // id: the client is not left waiting. (Its method is not trusted: the frame was refused for how it reads.)
        if (info.Kind == MessageKind.Other && problem != FrameProblem.Oversized)
            plainId = EnvelopeIds.Single(frame);
        audit.FrameRefused("client", problem.Name(), frame.Length, info.Method, plainId, info.ToolName);
        var message = $"mcpshim: a frame of {frame.Length} bytes from the client was refused: {why}. Nothing of it reached the MCP server of profile '{Profile}'.";
        var error = JsonRpcErrors.Build(plainId ?? "null", problem.ErrorCode(), message, w =>
        {
            w.WriteString("reason", problem.Name());
            w.WriteString("profile", Profile);
        });
        if (ClientOutbox is { } outbox)
            outbox.Send(error);
    }

    public void OnStreamedFrame(Direction direction, FrameInfo info, long length) => Track(direction, info, default, length);

    /// <summary>An answer's request, taken without locking again when this (the answering) thread is in a run.</summary>
    private bool Remove(RequestKey id, out string method, out PendingRequest? request) =>
        _answeringRun ? Pending.TryRemoveAnswering(id, out method, out request) : Pending.TryRemove(id, out method, out request);

    /// <summary>
    /// A run from the client: its plain requests are staged and published together at its end, before it is written.
    /// A run from the server: its answers are taken under one hold of the pending requests' lock.
    /// </summary>
    public void RunStarting(Direction direction)
    {
        if (direction == Direction.ClientToServer)
        {
            _stagingRun = true;
        }
        else
        {
            Pending.BeginAnswering();
            _answeringRun = true;
        }
    }

    public void RunEnded(Direction direction)
    {
        if (direction == Direction.ClientToServer)
        {
            _stagingRun = false;
            Pending.Publish();
        }
        else if (_answeringRun)
        {
            _answeringRun = false;
            Pending.EndAnswering();
        }
    }

    /// <summary>
    /// The client's frames are never streamed: each is judged whole, up to the frame limit, before its first byte is
    /// written (issue 13), because a frame's head cannot show what a later, repeated key makes of it. Server frames
    /// stream: without a policy nothing is filtered, and the audit reads the envelope the client will act on.
    /// </summary>
    public StreamHeadFilter? StreamFilter(Direction direction) => direction == Direction.ClientToServer ? NeverStream : null;

    /// <summary>Holds every long frame whole.</summary>
    public static bool NeverStream(ReadOnlySpan<byte> head) => false;

    /// <summary>The envelope of a whole frame, with argument values only when the audit records them.</summary>
    public FrameInfo Inspect(ReadOnlySpan<byte> frame) =>
        FrameInspector.Inspect(frame, keepArgumentValues: audit.ArgumentsMode == ArgumentsMode.Full, plainFirst: !ValidatesEnvelopes);

    /// <summary>Notes a frame that is forwarded as it is.</summary>
    public void Track(Direction direction, in FrameInfo info, ReadOnlySpan<byte> frame, long length)
    {
        switch (info.Kind)
        {
            case MessageKind.Other when !TrackBatch(direction, frame):
                Log.FrameNotJsonRpc(logger, direction, length);
                break;
            case MessageKind.Request when direction == Direction.ClientToServer && info.Id is { } id:
                if (info.Method == FrameInspector.ToolsCall)
                {
                    CountToolCall();
                    Admit(new PendingRequest(id, info.Method, Stopwatch.GetTimestamp(), length, info.ToolName, info.Arguments));
                }
                else
                {
                    Pending.Add(id, info.Method!);
                }
                break;
            case MessageKind.Response when direction == Direction.ServerToClient && info.Id is { } answered:
                Answer(answered, info, frame, length);
                break;
        }
    }

    /// <summary>
    /// A JSON-RPC batch (an array of messages; MCP allowed them until 2025-06-18, and older SDKs still answer them):
    /// each message in it is tracked as a frame of its own, so no tool call in a batch goes unaudited. False when the
    /// frame is not a readable array of messages (a streamed one is not looked into).
    /// </summary>
    private bool TrackBatch(Direction direction, ReadOnlySpan<byte> frame)
    {
        if (BatchMessages(frame) is not { } messages)
            return false;
        var tracked = false;
        foreach (var range in messages)
        {
            var message = frame[range];
            var info = Inspect(message);
            if (info.Kind == MessageKind.Other)
                continue;
            Track(direction, info, message, message.Length);
            tracked = true;
        }

        return tracked;
    }

    /// <summary>The ranges of the messages in a JSON-RPC batch (a JSON array); null when the frame is not a readable array.</summary>
    private static List<Range>? BatchMessages(ReadOnlySpan<byte> frame)
    {
        var start = frame.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || frame[start] != (byte)'[')
            return null;
        var messages = new List<Range>();
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var first = (int)reader.TokenStartIndex;
                reader.Skip();
                messages.Add(first..(int)reader.BytesConsumed);
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
                return null;
        }
        catch (JsonException)
        {
            return null;
        }

        return messages;
    }

    /// <summary>A client request that goes to the server now (or later, for a tool call the policy held).</summary>
    public void Admit(PendingRequest request) => Pending.Add(request);

    /// <summary>Counts a tool call for <c>session.end</c>, whether it reaches the server or the policy denies it.</summary>
    public void CountToolCall() => Interlocked.Increment(ref _toolCalls);

    /// <summary>The server answered <paramref name="id"/>: forgets the request (audited if a tool call); returns its method.</summary>
    public string? Answer(RequestKey id, in FrameInfo info, ReadOnlySpan<byte> frame, long length)
    {
        if (!Pending.TryRemove(id, out var method, out var request))
            return null;
        if (!Protocol.Settled)
            Protocol.OnServerAnswer(method, frame);
        if (request is { IsToolCall: true })
        {
            var outcome = info.IsErrorResponse ? AuditOutcome.Error : info.ToolErrorIn(frame) ? AuditOutcome.ToolError : AuditOutcome.Ok;
            AuditToolCall(request, outcome, length);
        }

        return method;
    }

    /// <summary>The <c>tools/call</c> audit line of a call that reached the server; a confirmed call says so.</summary>
    public void AuditToolCall(PendingRequest call, string outcome, long bytesOut)
    {
        if (call.Confirmed is { } confirmed)
            audit.PolicyToolCall(call, outcome, bytesOut, reason: null, confirmed, confirmation: confirmed ? "accept" : null);
        else
            audit.ToolCall(call, outcome, bytesOut);
    }

    public void OnOversized(Direction direction, long length, OversizedEnvelope envelope)
    {
        Log.OversizedFrame(logger, direction, length, maxFrameBytes, envelope.Method ?? "(response)");
        if (direction == Direction.ClientToServer)
            audit.FrameRefused("client", FrameProblem.Oversized.Name(), length, envelope.Method, envelope.RawId, tool: null);
        if (envelope.RawId is null)
            return;
        var message = $"mcpshim: a {(envelope.Method is null ? "response" : "request")} of {length} bytes exceeds the maximum " +
                      $"frame size of {maxFrameBytes} bytes and was dropped. Raise \"maxFrameBytes\" in the profile if this is expected.";
        var error = JsonRpcErrors.Build(envelope.RawId, JsonRpcErrors.InvalidRequest, message);
        var toClient = direction == Direction.ClientToServer ? envelope.Method is not null : envelope.Method is null;
        if (direction == Direction.ServerToClient && envelope.Method is null && Pending.TryRemove(RequestKey.FromJson(envelope.RawId), out _, out var call) && call is { IsToolCall: true })
            AuditToolCall(call, AuditOutcome.Error, length);
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
