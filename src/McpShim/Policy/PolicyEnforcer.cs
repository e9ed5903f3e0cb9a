using McpShim.Audit;
using McpShim.Logging;
using McpShim.Relay;
using Microsoft.Extensions.Logging;

namespace McpShim.Policy;

/// <summary>
/// A profile's tool policy in the stdio path (issue 4). It wraps the session's <see cref="SessionTracker"/> and
/// replaces it as the pumps' observer only when the profile has a policy: a profile without one pays nothing.
/// <list type="bullet">
/// <item>Client → server: a <c>tools/call</c> is allowed (forwarded as it came), denied (the client gets a JSON-RPC
/// error, the server never sees it), or held until mcpshim knows the server's tools or the user has confirmed.</item>
/// <item>Server → client: each page of a <c>tools/list</c> answer loses the tools the policy hides (re-serialized
/// only when one is removed); <c>notifications/tools/list_changed</c> makes mcpshim list the tools again.</item>
/// <item>mcpshim's own requests carry random ids (<see cref="ShimRequestIds"/>); their answers are consumed, each only
/// from the peer it was asked, and a peer's request that reuses one is refused, never relayed (issue 13).</item>
/// </list>
/// Order: frames that are not held keep their order. A held call goes out when released, after what the client sent
/// meanwhile; calls released together keep their arrival order. Every frame, both ways, is handled whole and judged
/// (<see cref="FrameJudge"/>) before any of it is forwarded: none streams.
/// </summary>
internal sealed partial class PolicyEnforcer : IFrameObserver
{
    private const string ToolsList = "tools/list";
    private const string ToolsListChanged = "notifications/tools/list_changed";
    private const string Cancelled = "notifications/cancelled";

    private readonly ToolPolicy _policy;
    private readonly string _profile;
    private readonly SessionTracker _tracker;
    private readonly AuditRecorder _audit;
    private readonly FrameOutbox _toClient;
    private readonly FrameOutbox _toServer;
    private readonly Func<string, string> _redact;
    private readonly ILogger _logger;
    private readonly ToolPins? _pins;
    private readonly ShimRequestIds _ids = new();

    // Everything below is shared by the two pump threads and the confirmation timers: guarded by _gate.
    private readonly Lock _gate = new();
    private readonly KnownTools _tools = new();
    private readonly Dictionary<RequestKey, HeldToolCall> _held = [];
    private readonly Dictionary<string, HeldToolCall> _confirmations = new(StringComparer.Ordinal);
    private readonly Dictionary<RequestKey, bool> _listRequests = []; // the client's tools/list in flight → first page?
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private ToolListRefresh? _refresh;
    private bool _clientCanElicit;
    private long _sequence;
    private int _listsInFlight; // _listRequests.Count, readable without the lock: most answers skip it

    public PolicyEnforcer(
        ToolPolicy policy,
        string profile,
        SessionTracker tracker,
        AuditRecorder audit,
        FrameOutbox toClient,
        FrameOutbox toServer,
        Func<string, string> redact,
        ILogger logger)
    {
        _policy = policy;
        _profile = profile;
        _tracker = tracker;
        _audit = audit;
        _toClient = toClient;
        _toServer = toServer;
        _redact = redact;
        _logger = logger;
        if (policy.PinTools)
        {
            _pins = ToolPins.Load(policy.PinsFile);
            if (_pins.Problem is { } problem)
                Log.PinsMissing(logger, profile, problem);
        }
    }

    public FrameVerdict OnFrame(Direction direction, ReadOnlySpan<byte> frame)
    {
        if (direction == Direction.ClientToServer)
        {
            var problem = _tracker.JudgeClientFrame(frame, out var request);
            if (problem == FrameProblem.None)
            {
                _tracker.Learn(request, frame);
                return FromClient(request, frame);
            }

            _tracker.Refuse(direction, frame, problem, request);
            if (EnvelopeIds.Single(frame) is { } answered && OwnId(answered) is { } own)
                OnOwnAnswerLost(direction, own); // an unreadable answer to mcpshim's question approves nothing
            return FrameVerdict.Drop;
        }

        // The server's frames are judged too: a tools/list answer must be read as the client will read it. Keys that
        // differ only in case are refused at the message's own level (where Go fills its struct fields); a tool's
        // result may hold such keys deeper down, and mcpshim does not act on those.
        var serverProblem = FrameJudge.Check(frame, foldLevels: 1);
        if (serverProblem != FrameProblem.None)
            return RefuseServerFrame(frame, serverProblem);
        return FromServer(_tracker.Inspect(frame), frame);
    }

    public void OnStreamedFrame(Direction direction, FrameInfo info, long length)
    {
        // Only frames StreamFilter let through get here: none the policy needs to see whole.
        if (direction == Direction.ServerToClient && info is { Kind: MessageKind.Response, Id: { } id })
            TakeListRequest(id);

        _tracker.OnStreamedFrame(direction, info, length);
    }

    public void OnOversized(Direction direction, long length, OversizedEnvelope envelope)
    {
        if (envelope is { RawId: { } raw, Method: null } && OwnId(raw) is { } own)
        {
            // An answer to mcpshim's own request, too big to read: as if it were an error answer.
            OnOwnAnswerLost(direction, own);
            return;
        }

        if (direction == Direction.ServerToClient && envelope is { RawId: { } answered, Method: null })
            TakeListRequest(RequestKey.FromJson(answered));

        _tracker.OnOversized(direction, length, envelope);
    }

    /// <summary>Under a policy no frame streams, either way: each is judged whole, up to the frame limit, before it goes on.</summary>
    public StreamHeadFilter? StreamFilter(Direction direction) => SessionTracker.NeverStream;

    /// <summary>
    /// The session is ending: calls still held are audited as aborted; with a <paramref name="message"/> the client
    /// gets it as their error (the server died), else it is gone. Returns how many there were.
    /// </summary>
    public int AbortHeld(string? message)
    {
        List<HeldToolCall> held;
        lock (_gate)
        {
            held = _held.Values.OrderBy(c => c.Sequence).ToList();
            _held.Clear();
            _confirmations.Clear();
            _refresh = null;
        }

        foreach (var call in held)
        {
            call.ConfirmationTimeout?.Dispose();
            _tracker.AuditToolCall(call.ToPending(), AuditOutcome.Aborted, 0);
            if (message is not null)
                _toClient.Send(JsonRpcErrors.Build(call.Id.ToJson(), JsonRpcErrors.ServerUnavailable, message));
        }

        return held.Count;
    }

    private FrameVerdict FromClient(in FrameInfo info, ReadOnlySpan<byte> frame)
    {
        switch (info.Kind)
        {
            case MessageKind.Request when OwnId(info) is { } taken:
                return RefuseOwnId(Direction.ClientToServer, info, taken);
            case MessageKind.Request when info.Method == FrameInspector.ToolsCall:
                return OnToolCall(info, frame);
            case MessageKind.Request when info.Method == ToolsList && info.Id is { } listId:
                var firstPage = !PolicyFrames.HasCursor(frame);
                lock (_gate)
                {
                    _listRequests[listId] = firstPage;
                    Volatile.Write(ref _listsInFlight, _listRequests.Count);
                }

                break;
            case MessageKind.Request when info.Method == "initialize":
                var canElicit = PolicyFrames.DeclaresElicitation(frame);
                lock (_gate)
                    _clientCanElicit = canElicit;
                break;
            case MessageKind.Response when OwnId(info) is { } own:
                return OnConfirmationAnswer(own, info, frame);
            case MessageKind.Notification when info.Method == Cancelled && HasHeldCalls() && TryCancelHeld(frame):
                return FrameVerdict.Drop;
            case MessageKind.Notification when info.Method == Cancelled && CancelsOwnRequest(Direction.ClientToServer, frame):
                return FrameVerdict.Drop;
            case MessageKind.Other:
                // A batch (the judge let through nothing else): its calls would skip the checks made one call at a time.
                _tracker.Refuse(Direction.ClientToServer, frame, FrameProblem.Batch, info);
                return FrameVerdict.Drop;
        }

        _tracker.Track(Direction.ClientToServer, info, frame, frame.Length);
        return FrameVerdict.Forward;
    }

    private FrameVerdict FromServer(in FrameInfo info, ReadOnlySpan<byte> frame)
    {
        switch (info.Kind)
        {
            case MessageKind.Request when OwnId(info) is { } taken:
                return RefuseOwnId(Direction.ServerToClient, info, taken);
            case MessageKind.Response when info.Id is { } id:
                if (OwnId(info) is { } own)
                    return OnOwnToolListPage(own, info, frame);
                var (isList, firstPage) = Volatile.Read(ref _listsInFlight) > 0 ? TakeListRequest(id) : (false, false);
                var method = _tracker.Answer(id, info, frame, frame.Length);
                if (method is null && id != RequestKey.Null)
                {
                    // No request of the client's is waiting for it: a server answering ahead of a request it guesses
                    // would get a list past the filter to a client that asks a moment later.
                    Log.UnmatchedAnswerDropped(_logger, Direction.ServerToClient, id.ToJson());
                    return FrameVerdict.Drop;
                }

                if (method == FrameInspector.ToolsCall && HasApprovedCalls())
                    return WrapServerInputRequest(id, frame);
                return method == ToolsList ? FilterToolList(id, isList && firstPage, info, frame) : FrameVerdict.Forward;
            case MessageKind.Notification when info.Method == Cancelled && CancelsOwnRequest(Direction.ServerToClient, frame):
                return FrameVerdict.Drop;
            case MessageKind.Notification when info.Method == ToolsListChanged:
                OnToolsChanged();
                break;
        }

        _tracker.Track(Direction.ServerToClient, info, frame, frame.Length);
        return FrameVerdict.Forward;
    }

    private (bool IsList, bool FirstPage) TakeListRequest(RequestKey id)
    {
        lock (_gate)
        {
            var isList = _listRequests.Remove(id, out var firstPage);
            Volatile.Write(ref _listsInFlight, _listRequests.Count);
            return (isList, firstPage);
        }
    }

    /// <summary>
    /// A server frame the client could read differently from mcpshim: dropped. Each request it may be answering (any
    /// id readable at its top level) gets an error instead, so the client does not wait for it.
    /// </summary>
    private FrameVerdict RefuseServerFrame(ReadOnlySpan<byte> frame, FrameProblem problem)
    {
        _tracker.Refuse(Direction.ServerToClient, frame, problem, FrameInfo.Other);
        foreach (var id in EnvelopeIds.Read(frame, out _))
        {
            if (id.Raw is { } raw && OwnId(raw) is { } own)
            {
                OnOwnAnswerLost(Direction.ServerToClient, own);
                continue;
            }

            TakeListRequest(id);
            if (_tracker.Answer(id, new FrameInfo(MessageKind.Response, null, id, null, null, true, false), default, frame.Length) is not { } method)
                continue;
            _toClient.Send(JsonRpcErrors.Build(id.ToJson(), JsonRpcErrors.InternalError,
                $"mcpshim: the server's answer to '{method}' was refused: {problem.Explain()}. Profile '{_profile}' has a tool policy, so it was not passed on."));
        }

        return FrameVerdict.Drop;
    }

    /// <summary>The decoded id, when a frame's id is one mcpshim issued this session (pending or done).</summary>
    private string? OwnId(in FrameInfo info) => info.Id is { Raw: { } raw } ? OwnId(raw) : null;

    private string? OwnId(string rawId) => ShimRequestIds.Decode(rawId) is { } id && _ids.IsKnown(id) ? id : null;

    /// <summary>
    /// A peer's request under the id of one of mcpshim's own: refused, never relayed. Relayed, the other peer could
    /// answer it, and that answer would look like the answer to mcpshim's request (issue 13: a server that sends the
    /// client a form under the id of mcpshim's confirmation could pass the user's answer to its form for an approval).
    /// </summary>
    private FrameVerdict RefuseOwnId(Direction direction, in FrameInfo info, string id)
    {
        var rawId = info.Id!.Value.ToJson();
        Log.OwnIdRequestRefused(_logger, direction, info.Method!, id);
        var sender = direction == Direction.ClientToServer ? "client" : "server";
        var error = JsonRpcErrors.Build(rawId, JsonRpcErrors.InvalidRequest,
            $"mcpshim: the {sender}'s {info.Method} request uses the id {id}, which belongs to a request mcpshim itself made in this session; it was not passed on. " +
            $"Send it again with an id of your own (mcpshim's ids start with \"{ShimRequestIds.Prefix}\").");
        (direction == Direction.ClientToServer ? _toClient : _toServer).Send(error);
        return FrameVerdict.Drop;
    }

    private bool HasApprovedCalls()
    {
        lock (_gate)
            return _approvedCalls.Count > 0;
    }

    /// <summary>
    /// <c>notifications/cancelled</c> for one of mcpshim's own requests: only mcpshim may withdraw them, so a peer's
    /// is dropped (a server cancelling mcpshim's confirmation could close the user's prompt unanswered).
    /// </summary>
    private bool CancelsOwnRequest(Direction direction, ReadOnlySpan<byte> frame)
    {
        if (!_ids.AnyPending || PolicyFrames.CancelledRequest(frame) is not { Raw: { } raw } || OwnId(raw) is not { } id)
            return false;
        Log.OwnRequestCancelDropped(_logger, direction, id);
        return true;
    }

    private bool HasHeldCalls()
    {
        lock (_gate)
            return _held.Count > 0;
    }
}
