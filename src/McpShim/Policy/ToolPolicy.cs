namespace McpShim.Policy;

/// <summary>A profile's <c>policy</c> after defaults and validation (issue 4); null on a profile means no policy at all.</summary>
internal sealed record ToolPolicy
{
    public static readonly TimeSpan DefaultConfirmTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Empty: every tool not denied.</summary>
    public IReadOnlyList<ToolNameGlob> Allow { get; init; } = [];

    public IReadOnlyList<ToolNameGlob> Deny { get; init; } = [];

    public bool ReadOnly { get; init; }

    public bool ValidateArguments { get; init; }

    public IReadOnlyList<ToolNameGlob> Confirm { get; init; } = [];

    public TimeSpan ConfirmTimeout { get; init; } = DefaultConfirmTimeout;

    public static readonly TimeSpan DefaultApprovalValidity = TimeSpan.FromMinutes(10);

    /// <summary>In a 2026-07-28 session: how long the token of a confirmation (asked or given) stays good for the retry.</summary>
    public TimeSpan ApprovalValidity { get; init; } = DefaultApprovalValidity;

    public bool PinTools { get; init; }

    /// <summary>Where <c>mcpshim pin</c> writes this profile's pins and the session reads them.</summary>
    public required string PinsFile { get; init; }

    /// <summary>The profiles file the policy came from, for errors that say where to change it.</summary>
    public required string Source { get; init; }

    /// <summary>Whether decisions need the server's tool definitions (annotations, schema, hash), not just names.</summary>
    public bool NeedsToolDefinitions => ReadOnly || ValidateArguments || PinTools;

    /// <summary>The deny pattern that hides this tool, "allow" when no allow pattern lets it in, else null.</summary>
    public string? HidingRule(string tool)
    {
        foreach (var deny in Deny)
        {
            if (deny.Matches(tool))
                return deny.Pattern;
        }

        return Allow.Count > 0 && !Allow.Any(a => a.Matches(tool)) ? "allow" : null;
    }

    public bool NeedsConfirmation(string tool) => Confirm.Any(c => c.Matches(tool));
}
