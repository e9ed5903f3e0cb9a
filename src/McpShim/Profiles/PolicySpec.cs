namespace McpShim.Profiles;

/// <summary>
/// <c>policy</c> of a profile (issue 4): which tools the client sees and may call, and how.
/// <c>{ "tools": { "allow": [...], "deny": [...] }, "readOnly": false, "validateArguments": true,
/// "confirm": ["write_file"], "pinTools": true }</c>.
/// </summary>
internal sealed class PolicySpec
{
    public ToolRulesSpec? Tools { get; init; }

    /// <summary>Only tools whose <c>annotations.readOnlyHint</c> is true are listed and callable.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Check each call's arguments against the tool's advertised <c>inputSchema</c>.</summary>
    public bool? ValidateArguments { get; init; }

    /// <summary>Tool name patterns the user confirms call by call (MCP elicitation).</summary>
    public string[]? Confirm { get; init; }

    /// <summary>How long a confirmation may wait for the user before the call is denied.</summary>
    public double? ConfirmTimeoutSeconds { get; init; }

    /// <summary>2026-07-28 sessions: how long a confirmation's token is good for the client's retry (default 600).</summary>
    public double? ConfirmValidSeconds { get; init; }

    /// <summary>Hide tools whose definition differs from the one recorded by <c>mcpshim pin</c>.</summary>
    public bool? PinTools { get; init; }
}
