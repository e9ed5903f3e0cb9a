namespace McpShim.Policy;

/// <summary>
/// A pins file (<c>pins/PROFILE.json</c> beside the profiles file), written by <c>mcpshim pin</c>: each tool's
/// definition hash (<see cref="ToolDefinitionHash"/>), keyed by tool name.
/// </summary>
internal sealed class PinsDocument
{
    public string? Profile { get; init; }

    public string? PinnedAt { get; init; }

    /// <summary>The image (with its id) or command that served the pinned tools.</summary>
    public string? Server { get; init; }

    public Dictionary<string, string>? Tools { get; init; }
}
