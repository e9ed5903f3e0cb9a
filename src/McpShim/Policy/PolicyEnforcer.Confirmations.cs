using System.Buffers;
using System.Text.Json;
using McpShim.Audit;
using McpShim.Logging;
using McpShim.Relay;

namespace McpShim.Policy;

internal sealed partial class PolicyEnforcer
{
    /// <summary>
    /// <c>policy.confirm</c>: holds the call and asks the user through the client (<c>elicitation/create</c>). Nothing
    /// waits on a thread meanwhile: the answer arrives as a frame from the client, the timeout on a timer.
    /// </summary>
    private FrameVerdict Ask(HeldToolCall call, ReadOnlySpan<byte> frame)
    {
        using (RetryFrame.Params(frame, out var parameters))
        {
            if (IsStateless(parameters))
                return AskByRetry(call, parameters, frame);
        }

        bool canAsk;
        ToolDefinition? tool;
        lock (_gate)
        {
            canAsk = _clientCanElicit;
            tool = _tools.Find(call.Tool!);
        }

        if (!canAsk)
            return Deny(call, CannotAsk(call.Tool!), confirmed: false, confirmation: "unsupported");

        string message;
        try
        {
            using var arguments = PolicyFrames.ReadArguments(frame);
            message = ConfirmationPrompt.Build(_profile, call.Tool!, tool?.Description, arguments?.RootElement ?? default, _redact);
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape: the user cannot be shown what they would approve.
            return Deny(call, CannotShow(call.Tool!), confirmed: false, confirmation: "unsupported");
        }

        var id = _ids.Issue();
        call.Frame ??= frame.ToArray();
        call.ConfirmationId = id;
        lock (_gate)
        {
            _held[call.Id] = call;
            _confirmations[id] = call;
        }

        call.ConfirmationTimeout = new Timer(_ => OnConfirmationTimeout(call), null, _policy.ConfirmTimeout, Timeout.InfiniteTimeSpan);
        Log.ToolCallHeld(_logger, call.Tool!, call.Id.ToJson(), "the user confirms it");
        _toClient.Send(ElicitationRequest(ShimRequestIds.ToJson(id), message));
        return FrameVerdict.Drop;
    }

    /// <summary>
    /// The client's answer to mcpshim's <c>elicitation/create</c> (<paramref name="id"/> decoded): consumed here, never
    /// forwarded. Only this, the client's answer to mcpshim's own question, can approve a call; answers from the
    /// server never get here, and an answer with anything odd about it is a refusal (<see cref="ElicitationAnswer"/>).
    /// </summary>
    private FrameVerdict OnConfirmationAnswer(string id, in FrameInfo info, ReadOnlySpan<byte> frame)
    {
        HeldToolCall? call;
        lock (_gate)
        {
            if (_confirmations.Remove(id, out call))
                _held.Remove(call.Id);
        }

        if (call is null)
        {
            Log.StrayAnswerDropped(_logger, Direction.ClientToServer, id);
            return FrameVerdict.Drop;
        }

        _ids.Complete(id);
        call.ConfirmationTimeout?.Dispose();
        var action = frame.IsEmpty ? ElicitationAnswer.Error : ElicitationAnswer.Read(frame, id);
        if (action != ElicitationAnswer.Accept)
            return Deny(call, NotConfirmed(call.Tool!, action), confirmed: false, confirmation: action);

        // In place of the consumed answer: the call goes to the server in the client's stream order from here.
        _tracker.Admit(call.ToPending(confirmed: true));
        Log.ToolCallConfirmed(_logger, call.Tool!, call.Id.ToJson());
        return FrameVerdict.Replace(call.Frame!);
    }

    private void OnConfirmationTimeout(HeldToolCall call)
    {
        lock (_gate)
        {
            if (call.ConfirmationId is not { } id || !_confirmations.Remove(id))
                return; // answered or cancelled meanwhile
            _held.Remove(call.Id);
        }

        _ids.Complete(call.ConfirmationId);
        call.ConfirmationTimeout?.Dispose();
        _toClient.Send(CancelledNotification(ShimRequestIds.ToJson(call.ConfirmationId), "mcpshim: no answer in time; the tool call was not made"));
        Deny(call, NotConfirmed(call.Tool!, "timeout"), confirmed: false, confirmation: "timeout");
    }

    /// <summary>
    /// The client cancelled a call mcpshim holds: it is dropped (the server never saw it), and a confirmation still
    /// open is withdrawn. As for any cancelled request, the client gets no answer.
    /// </summary>
    private bool TryCancelHeld(ReadOnlySpan<byte> frame)
    {
        if (PolicyFrames.CancelledRequest(frame) is not { } id)
            return false;
        HeldToolCall? call;
        lock (_gate)
        {
            if (!_held.Remove(id, out call))
                return false;
            if (call.ConfirmationId is { } confirmation)
                _confirmations.Remove(confirmation);
        }

        call.ConfirmationTimeout?.Dispose();
        _tracker.AuditToolCall(call.ToPending(), AuditOutcome.Aborted, 0);
        if (call.ConfirmationId is { } open)
        {
            _ids.Complete(open);
            _toClient.Send(CancelledNotification(ShimRequestIds.ToJson(open), "mcpshim: the client cancelled the tool call"));
        }
        return true;
    }

    /// <summary>An answer to mcpshim's own request that could not be read (too large): treated as an error answer.</summary>
    private void OnOwnAnswerLost(Direction direction, string id)
    {
        var lost = new FrameInfo(MessageKind.Response, null, RequestKey.FromJson(ShimRequestIds.ToJson(id)), null, null, true, false);
        if (direction == Direction.ServerToClient)
            OnOwnToolListPage(id, lost, default);
        else
            OnConfirmationAnswer(id, lost, default);
    }

    private ToolCallDecision NotConfirmed(string tool, string action) => ToolCallDecision.Deny(
        DenialReason.Declined,
        JsonRpcErrors.NotConfirmed,
        action switch
        {
            "decline" => $"mcpshim: the user declined the call of tool '{tool}' (profile '{_profile}' asks before it runs: \"policy.confirm\" in {_policy.Source}). It was not made.",
            "cancel" => $"mcpshim: the user dismissed the confirmation of tool '{tool}' without accepting; the call was not made.",
            "timeout" => $"mcpshim: nobody answered the confirmation of tool '{tool}' within {_policy.ConfirmTimeout.TotalSeconds:0.###} s; the call was not made " +
                         $"(\"policy.confirmTimeoutSeconds\" in {_policy.Source} sets the wait).",
            "error" => $"mcpshim: the client could not ask the user to confirm tool '{tool}' (it answered elicitation/create with an error); the call was not made.",
            ElicitationAnswer.Invalid => $"mcpshim: the client's answer to the confirmation of tool '{tool}' was not a plain accept, decline or cancel " +
                                         "(a repeated or unknown key, form fields, or an id spelt otherwise than mcpshim sent it), so it counts as a refusal; " +
                                         "the call was not made. If the user did accept, the MCP client's elicitation answer is malformed: report it to its makers.",
            _ => $"mcpshim: the confirmation of tool '{tool}' got the answer '{action}', not 'accept'; the call was not made.",
        });

    private ToolCallDecision CannotAsk(string tool) => ToolCallDecision.Deny(
        DenialReason.Declined,
        JsonRpcErrors.NotConfirmed,
        $"mcpshim: tool '{tool}' needs the user's confirmation in profile '{_profile}' (\"policy.confirm\" in {_policy.Source}), " +
        "but this MCP client did not declare the elicitation capability when it connected, so mcpshim cannot ask. Use a client " +
        $"that supports elicitation, or remove '{tool}' from \"policy.confirm\" (to allow it without asking) or add it to " +
        "\"policy.tools.deny\".");

    private static ToolCallDecision CannotShow(string tool) => ToolCallDecision.Deny(
        DenialReason.Declined,
        JsonRpcErrors.NotConfirmed,
        $"mcpshim: the arguments of tool '{tool}' hold a string that is not valid Unicode text (a lone surrogate escape such as \\ud800), " +
        "so mcpshim cannot show them to the user to confirm; the call was not made. Send the text as valid Unicode.");

    /// <summary>The confirmation request: a plain message and an empty form, so the answer is just accept or not.</summary>
    private static byte[] ElicitationRequest(string rawId, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Json.ReadableJson.Options))
        {
            JsonRpcErrors.StartMessage(w, rawId);
            w.WriteString("method", "elicitation/create");
            w.WriteStartObject("params");
            w.WriteString("message", message);
            w.WriteStartObject("requestedSchema");
            w.WriteString("type", "object");
            w.WriteStartObject("properties");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] CancelledNotification(string rawId, string reason)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteString("method", Cancelled);
            w.WriteStartObject("params");
            w.WritePropertyName("requestId");
            w.WriteRawValue(rawId, skipInputValidation: true);
            w.WriteString("reason", reason);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
