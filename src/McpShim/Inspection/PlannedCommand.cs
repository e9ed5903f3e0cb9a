namespace McpShim.Inspection;

/// <summary>A command mcpshim would run for a session, with what it is for (e.g. "start the warm container").</summary>
internal sealed record PlannedCommand(string Purpose, IReadOnlyList<string> Arguments);
