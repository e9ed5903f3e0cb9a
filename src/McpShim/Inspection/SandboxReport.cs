namespace McpShim.Inspection;

/// <summary>
/// <c>mcpshim show</c>'s account of a local profile's sandbox (issue 16): the rules a session would apply, what is
/// hidden, the network and limits, and what this host cannot enforce. <see cref="Problem"/> instead when a session
/// could not start sandboxed here.
/// </summary>
internal sealed record SandboxReport
{
    /// <summary>"Landlock + seccomp (Landlock ABI 7)", "Seatbelt (sandbox-exec)", or "off (unsafe: unsandboxed)".</summary>
    public required string Mechanism { get; init; }

    public string? Problem { get; init; }

    /// <summary>Access, path and why, one per rule, in the order applied.</summary>
    public IReadOnlyList<(string Access, string Path, string Reason)> Rules { get; init; } = [];

    public IReadOnlyList<string> Hidden { get; init; } = [];

    public string Network { get; init; } = string.Empty;

    public IReadOnlyList<string> SystemCalls { get; init; } = [];

    public string Limits { get; init; } = string.Empty;

    public IReadOnlyList<string> NotEnforced { get; init; } = [];
}
