namespace McpShim.Policy;

internal enum ToolCallVerdict
{
    /// <summary>Forward to the server.</summary>
    Allow,

    /// <summary>Answer the client with an error; the server never sees the call.</summary>
    Deny,

    /// <summary>Ask the user first (<c>policy.confirm</c>).</summary>
    Confirm,
}
