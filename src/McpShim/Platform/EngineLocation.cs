namespace McpShim.Platform;

/// <summary>Where the engine CLI was found (null when nowhere), and every place looked, in order.</summary>
internal sealed record EngineLocation(string? Path, IReadOnlyList<string> Tried);
