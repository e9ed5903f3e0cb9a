namespace McpShim.ClientConfig;

/// <summary>A client's configuration file, at a known place or one a test hands in.</summary>
internal sealed record ClientFile(McpClient Client, string Path);
