namespace McpShim.Policy;

/// <summary>How a tool compares with the pins <c>mcpshim pin</c> recorded.</summary>
internal enum PinState
{
    /// <summary>Same name, description and inputSchema as when pinned.</summary>
    Pinned,

    /// <summary>Pinned under this name, but its definition differs now.</summary>
    Changed,

    /// <summary>Not pinned at all: the server added it since (or nothing is pinned yet).</summary>
    New,
}
