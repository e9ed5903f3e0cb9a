namespace McpShim.Benchmarks.Processes;

/// <summary>How to start one MCP server over stdio: the fake server itself, mcpshim, or docker exec.</summary>
internal sealed record ServerCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string>? Environment = null)
{
    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}
