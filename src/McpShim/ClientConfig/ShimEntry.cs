namespace McpShim.ClientConfig;

/// <summary>A server entry of a client file that starts mcpshim: its name and the command as written.</summary>
internal sealed record ShimEntry(string Name, string Command);
