using System.Buffers;
using System.Text.Json;
using McpShim.Audit;
using McpShim.Logging;
using McpShim.Relay;

namespace McpShim.Policy;

/// <summary>
/// <c>policy.confirm</c> in a 2026-07-28 session (issue 15), where servers and intermediaries ask through Multi
/// Round-Trip Requests instead of sending the client <c>elicitation/create</c>:
/// <list type="number">
/// <item>A confirm-listed call gets an <c>InputRequiredResult</c> from mcpshim: an <c>elicitation/create</c> input
/// request under <see cref="ConfirmKey"/>, and a <c>requestState</c> that is an <see cref="ApprovalToken"/> bound to the
/// session, the tool and the arguments. mcpshim keeps nothing per question.</item>
/// <item>The client asks the user and retries the call with <c>inputResponses</c> and the token. On a valid token and
/// an accept, mcpshim takes its own parts out and sends the call to the server, once.</item>
/// <item>If the server itself asks for input on the approved call, mcpshim wraps the server's <c>requestState</c> in
/// a new token that also says "approved", so the client's next retry goes through without asking the user twice.</item>
/// </list>
/// </summary>
internal sealed partial class PolicyEnforcer
{
    /// <summary>mcpshim's key in <c>inputRequests</c>: namespaced, so it cannot be one of the server's own.</summary>
    public const string ConfirmKey = "io.mcpshim/confirm";

    private readonly ApprovalToken _approvals = new();

    // Calls approved through a retry and sent to the server, until answered: an input_required answer gets wrapped.
    private readonly Dictionary<RequestKey, ApprovalClaims> _approvedCalls = []; // under _gate

    /// <summary>Whether a call comes from a stateless session: its own <c>_meta</c> names 2026-07-28, or the session does.</summary>
    private bool IsStateless(JsonElement parameters) =>
        (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object &&
         meta.TryGetProperty("io.modelcontextprotocol/protocolVersion", out var version) && version.ValueKind == JsonValueKind.String &&
         string.CompareOrdinal(version.GetString(), SessionProtocol.Stateless) >= 0)
        || _tracker.Protocol.Era == SessionProtocol.Stateless;

    private FrameVerdict AskByRetry(HeldToolCall call, JsonElement parameters, ReadOnlySpan<byte> frame)
    {
        var tool = call.Tool!;
        var arguments = parameters.TryGetProperty("arguments", out var a) ? a : default;
        var argumentsHash = CanonicalJson.Hash(arguments);
        var session = _audit.Identity.Session;

        if (parameters.TryGetProperty("requestState", out var state))
        {
            if (state.ValueKind != JsonValueKind.String)
                return Deny(call, BadApproval(tool, "it is not a string"), confirmed: false, confirmation: ElicitationAnswer.Invalid);
            if (_approvals.Redeem(state.GetString()!, session, tool, argumentsHash, out var problem) is not { } claims)
                return Deny(call, BadApproval(tool, problem!), confirmed: false, confirmation: ElicitationAnswer.Invalid);
            var action = claims.Approved ? ElicitationAnswer.Accept : InlineAnswer(parameters);
            if (action != ElicitationAnswer.Accept)
                return Deny(call, NotConfirmed(tool, action), confirmed: false, confirmation: action);

            lock (_gate)
                _approvedCalls[call.Id] = claims with { Approved = true };
            _tracker.Admit(call.ToPending(confirmed: true));
            Log.ToolCallConfirmed(_logger, tool, call.Id.ToJson());
            return FrameVerdict.Replace(RetryFrame.WithoutOwnParts(frame, ConfirmKey, claims.ServerState));
        }

        if (!ClientCanElicit(parameters))
            return Deny(call, CannotAsk(tool), confirmed: false, confirmation: "unsupported");

        string message;
        try
        {
            ToolDefinition? definition;
            lock (_gate)
                definition = _tools.Find(tool);
            message = ConfirmationPrompt.Build(_profile, tool, definition?.Description, arguments, _redact);
        }
        catch (InvalidOperationException)
        {
            return Deny(call, CannotShow(tool), confirmed: false, confirmation: "unsupported");
        }

        var token = _approvals.Mint(new ApprovalClaims(
            session, tool, argumentsHash, ApprovalToken.NewNonce(), _approvals.Now + _policy.ApprovalValidity, Approved: false, ServerState: null));
        var answer = InputRequired(call.Id.ToJson(), message, token);
        Log.ToolCallHeld(_logger, tool, call.Id.ToJson(), "the client retries it with the user's answer");
        _audit.PolicyToolCall(call.ToPending(), AuditOutcome.InputRequired, answer.Length, reason: null, confirmed: null, confirmation: "asked");
        _toClient.Send(answer);
        return FrameVerdict.Drop;
    }

    /// <summary>
    /// The server's answer to a call approved through a retry: an <c>input_required</c> one gets a token that carries
    /// the server's own <c>requestState</c> and the approval, so the retry needs no second confirmation.
    /// </summary>
    private FrameVerdict WrapServerInputRequest(RequestKey id, ReadOnlySpan<byte> frame)
    {
        ApprovalClaims? claims;
        lock (_gate)
            _approvedCalls.Remove(id, out claims);
        if (claims is null || !RetryFrame.IsInputRequired(frame, out var serverState))
            return FrameVerdict.Forward;
        var token = _approvals.Mint(claims with
        {
            Nonce = ApprovalToken.NewNonce(),
            ExpiresAt = _approvals.Now + _policy.ApprovalValidity,
            Approved = true,
            ServerState = serverState,
        });
        return FrameVerdict.Replace(RetryFrame.WithRequestState(frame, token));
    }

    private static string InlineAnswer(JsonElement parameters) =>
        parameters.TryGetProperty("inputResponses", out var responses) && responses.ValueKind == JsonValueKind.Object &&
        responses.TryGetProperty(ConfirmKey, out var answer)
            ? ElicitationAnswer.ReadInline(answer)
            : "cancel"; // a retry without mcpshim's answer: the user was not asked, or dismissed it

    /// <summary>The client declared elicitation in this request's <c>_meta</c> (stateless) or at <c>initialize</c>.</summary>
    private bool ClientCanElicit(JsonElement parameters)
    {
        if (parameters.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object &&
            meta.TryGetProperty("io.modelcontextprotocol/clientCapabilities", out var capabilities) && capabilities.ValueKind == JsonValueKind.Object)
            return capabilities.TryGetProperty("elicitation", out var elicitation) && elicitation.ValueKind == JsonValueKind.Object;
        lock (_gate)
            return _clientCanElicit;
    }

    private ToolCallDecision BadApproval(string tool, string problem) => ToolCallDecision.Deny(
        DenialReason.Declined,
        JsonRpcErrors.NotConfirmed,
        $"mcpshim: the retry of tool '{tool}' carries a requestState that is not a valid approval: {problem}. The call was not made; " +
        $"call the tool again without requestState to be asked anew (approvals last {_policy.ApprovalValidity.TotalSeconds:0} s: " +
        $"\"policy.confirmValidSeconds\" in {_policy.Source}).");

    /// <summary>An <c>InputRequiredResult</c> with mcpshim's confirmation form and its token.</summary>
    private static byte[] InputRequired(string rawId, string message, string token)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Json.ReadableJson.Options))
        {
            JsonRpcErrors.StartMessage(w, rawId);
            w.WriteStartObject("result");
            w.WriteString("resultType", "input_required");
            w.WriteStartObject("inputRequests");
            w.WriteStartObject(ConfirmKey);
            w.WriteString("method", "elicitation/create");
            w.WriteStartObject("params");
            w.WriteString("mode", "form");
            w.WriteString("message", message);
            w.WriteStartObject("requestedSchema");
            w.WriteString("type", "object");
            w.WriteStartObject("properties");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("requestState", token);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
