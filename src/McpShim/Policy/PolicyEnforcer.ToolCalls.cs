using System.Diagnostics;
using McpShim.Audit;
using McpShim.Logging;
using McpShim.Policy.Schema;
using McpShim.Relay;

namespace McpShim.Policy;

internal sealed partial class PolicyEnforcer
{
    /// <summary>
    /// A client's <c>tools/call</c>, in the order the rules are checked: names first (allow/deny), then what needs
    /// the server's definitions (pins, read-only, schema), then the user (confirm). The user is only asked about a
    /// call that would otherwise go through.
    /// </summary>
    private FrameVerdict OnToolCall(in FrameInfo info, ReadOnlySpan<byte> frame)
    {
        _tracker.CountToolCall();
        var call = new HeldToolCall(info.Id ?? RequestKey.Null, info.ToolName, info.Arguments, frame.Length, Stopwatch.GetTimestamp(), Interlocked.Increment(ref _sequence));
        if (info.Id is null)
        {
            return Deny(call, ToolCallDecision.Deny(DenialReason.Schema, JsonRpcErrors.InvalidRequest,
                "mcpshim: a tools/call needs an \"id\" that is a string or a number; it was not forwarded."));
        }

        if (info.ToolName is not { } tool)
        {
            return Deny(call, ToolCallDecision.Deny(DenialReason.Schema, JsonRpcErrors.InvalidParams,
                "mcpshim: a tools/call needs \"params.name\", the tool's name as a string; it was not forwarded."));
        }

        if (_policy.HidingRule(tool) is { } rule)
            return Deny(call, HiddenByName(tool, rule));

        byte[]? listRequest = null;
        var held = false;
        lock (_gate)
        {
            if (_policy.NeedsToolDefinitions && !_tools.IsCurrent)
            {
                // Read-only, schema and pins need the server's definitions: ask for them, decide when they arrive.
                held = true;
                call.Frame = frame.ToArray();
                _held[call.Id] = call;
                listRequest = _refresh is null ? StartRefresh() : null;
            }
        }

        if (held)
        {
            Log.ToolCallHeld(_logger, tool, call.Id.ToJson(), "the server's tool list is known");
            if (listRequest is not null)
            {
                Log.ToolsRefreshing(_logger, "a tools/call before any complete tools/list");
                _toServer.Send(listRequest);
            }

            return FrameVerdict.Drop;
        }

        return Apply(call, Decide(call, frame), frame);
    }

    /// <summary>A call held for the tool list, now decided; from the server's pump thread.</summary>
    private void Release(HeldToolCall call)
    {
        if (Apply(call, Decide(call, call.Frame), call.Frame).IsForward)
            _toServer.Send(call.Frame!);
    }

    private FrameVerdict Apply(HeldToolCall call, ToolCallDecision decision, ReadOnlySpan<byte> frame)
    {
        switch (decision.Verdict)
        {
            case ToolCallVerdict.Allow:
                _tracker.Admit(call.ToPending());
                return FrameVerdict.Forward;
            case ToolCallVerdict.Deny:
                return Deny(call, decision);
            default:
                return Ask(call, frame);
        }
    }

    private ToolCallDecision Decide(HeldToolCall call, ReadOnlySpan<byte> frame)
    {
        var name = call.Tool!;
        ToolDefinition? tool;
        lock (_gate)
            tool = _tools.Find(name);

        if (_pins is not null)
        {
            var state = tool is null ? PinState.New : _pins.StateOf(tool);
            if (state != PinState.Pinned)
                return Unpinned(name, state, listed: tool is not null);
        }

        if (_policy.ReadOnly && tool?.ReadOnlyHint != true)
            return NotReadOnly(name, listed: tool is not null);

        if (_policy.ValidateArguments && tool is not null)
        {
            // An unlisted tool has no schema to check: the server answers that call itself ("unknown tool").
            using var arguments = PolicyFrames.ReadArguments(frame);
            var violations = tool.Schema.Validate(arguments?.RootElement ?? default);
            ReportUnchecked(tool);
            if (violations.Count > 0)
                return SchemaFailed(name, violations);
        }

        return _policy.NeedsConfirmation(name) ? ToolCallDecision.AskUser : ToolCallDecision.Allow;
    }

    private FrameVerdict Deny(HeldToolCall call, ToolCallDecision decision, bool? confirmed = null, string? confirmation = null)
    {
        var error = decision.Violations is { Count: > 0 } && ValidationIsToolError()
            ? PolicyErrors.ToolError(call.Id.ToJson(), decision.Message!, decision.Reason!, call.Tool, _profile, decision.Violations, _tracker.Protocol.Era == SessionProtocol.Stateless)
            : PolicyErrors.Build(call.Id.ToJson(), decision.Code, decision.Message!, decision.Reason!, call.Tool, _profile, decision.Violations);
        Log.ToolCallDenied(_logger, call.Tool ?? "(no name)", call.Id.ToJson(), decision.Reason!);
        _audit.PolicyToolCall(call.ToPending(), AuditOutcome.Denied, error.Length, decision.Reason, confirmed, confirmation);
        _toClient.Send(error);
        return FrameVerdict.Drop;
    }

    /// <summary>
    /// Arguments that fail the inputSchema are a tool execution error (<c>isError: true</c>) from MCP 2025-11-25 on,
    /// and in a session whose version is not known; up to 2025-06-18 they were a protocol error (-32602).
    /// </summary>
    private bool ValidationIsToolError() =>
        _tracker.Protocol.Version is not { } version || string.CompareOrdinal(version, SessionProtocol.Handshake) >= 0;

    private ToolCallDecision HiddenByName(string tool, string rule) => ToolCallDecision.Deny(
        DenialReason.PolicyDeny,
        JsonRpcErrors.InvalidParams,
        rule == "allow"
            ? $"mcpshim: tool '{tool}' is not available in profile '{_profile}': it matches none of the patterns in " +
              $"\"policy.tools.allow\" ({string.Join(", ", _policy.Allow)}) in {_policy.Source}. Add it there to allow it."
            : $"mcpshim: tool '{tool}' is denied by the policy of profile '{_profile}': it matches \"{rule}\" in " +
              $"\"policy.tools.deny\" in {_policy.Source}. Remove that pattern to allow it.");

    private ToolCallDecision Unpinned(string tool, PinState state, bool listed) => ToolCallDecision.Deny(
        DenialReason.Unpinned,
        JsonRpcErrors.InvalidParams,
        _pins!.Problem is { } problem
            ? $"mcpshim: tool '{tool}' is hidden: profile '{_profile}' has \"policy.pinTools\" on, but {problem}. " +
              $"Run 'mcpshim pin {_profile}' to pin the server's tools."
            : !listed
                ? $"mcpshim: tool '{tool}' is not in the server's tool list, so profile '{_profile}' cannot check it " +
                  "against its pins (\"policy.pinTools\"); it was not forwarded."
                : state == PinState.Changed
                    ? $"mcpshim: tool '{tool}' changed since it was pinned (its description or inputSchema is not what " +
                      $"'mcpshim pin {_profile}' recorded in {_pins.Path}), so it is hidden. Review the change, then run " +
                      $"'mcpshim pin {_profile}' again to accept it."
                    : $"mcpshim: tool '{tool}' is new since the tools of profile '{_profile}' were pinned ({_pins.Path}), " +
                      $"so it is hidden. Review it, then run 'mcpshim pin {_profile}' again to accept it.");

    private ToolCallDecision NotReadOnly(string tool, bool listed) => ToolCallDecision.Deny(
        DenialReason.ReadOnly,
        JsonRpcErrors.InvalidParams,
        $"mcpshim: profile '{_profile}' is read-only (\"policy.readOnly\": true in {_policy.Source}) and tool '{tool}' " +
        (listed ? "is not marked read-only by the server (annotations.readOnlyHint)" : "is not in the server's tool list, so it cannot be shown to be read-only") +
        ", so it is not available. Set \"readOnly\": false there to allow tools that may change things.");

    private static ToolCallDecision SchemaFailed(string tool, IReadOnlyList<SchemaViolation> violations)
    {
        var shown = string.Join("; ", violations.Take(3));
        var more = violations.Count > 3 ? $" (and {violations.Count - 3} more)" : string.Empty;
        return ToolCallDecision.Deny(
            DenialReason.Schema,
            JsonRpcErrors.InvalidParams,
            $"mcpshim: the arguments of tool '{tool}' do not match its inputSchema: {shown}{more}. The call was not forwarded (\"policy.validateArguments\").",
            violations);
    }

    /// <summary>Says once per tool and session which parts of its schema mcpshim could not check.</summary>
    private void ReportUnchecked(ToolDefinition tool)
    {
        if (tool.Schema.Unchecked is not { Count: > 0 } parts)
            return;
        bool first;
        lock (_gate)
            first = _reported.Add("unchecked " + tool.Name + " " + string.Join(",", parts));
        if (first)
            Log.SchemaPartlyUnchecked(_logger, tool.Name, string.Join("; ", parts));
    }
}
