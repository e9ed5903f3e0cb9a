namespace McpShim.ClientConfig;

/// <summary>One server entry mcpshim writes: <c>"NAME": { ["type": "stdio",] "command": ..., "args": [...] }</c>.</summary>
internal sealed record ServerEntry(string Name, string Command, IReadOnlyList<string> Args);
