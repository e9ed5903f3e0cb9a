namespace McpShim.Policy;

/// <summary>What one of mcpshim's own requests is, so an answer counts only from the peer it was sent to.</summary>
internal enum ShimRequestKind
{
    /// <summary><c>elicitation/create</c> to the client: only the client's answer counts.</summary>
    Confirmation,

    /// <summary>A page of mcpshim's own <c>tools/list</c> to the server: only the server's answer counts.</summary>
    ToolList,
}
