namespace McpShim.Cli;

/// <summary>What <c>mcpshim config</c> was asked, as parsed from the command line.</summary>
internal sealed record ConfigRequest(
    string Client,
    IReadOnlyList<string> Profiles,
    bool Write,
    bool DryRun,
    string? File,
    bool Project,
    string? Command,
    string? ConfigFile,
    IReadOnlyList<string> CommandNames);
