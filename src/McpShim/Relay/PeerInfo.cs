namespace McpShim.Relay;

/// <summary>A client's or server's self-reported name and version (for the audit; never trusted for decisions).</summary>
internal sealed record PeerInfo(string? Name, string? Version);
