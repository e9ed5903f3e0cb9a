namespace McpShim.Policy;

/// <summary>The <c>reason</c> of a denied <c>tools/call</c> audit line, and of the error's <c>data</c>.</summary>
internal static class DenialReason
{
    /// <summary><c>policy.tools</c>: a deny pattern matches, or no allow pattern does.</summary>
    public const string PolicyDeny = "policy.deny";

    /// <summary><c>policy.readOnly</c>: the tool is not annotated <c>readOnlyHint: true</c>.</summary>
    public const string ReadOnly = "readOnly";

    /// <summary><c>policy.validateArguments</c>: the arguments do not match the tool's inputSchema.</summary>
    public const string Schema = "schema";

    /// <summary><c>policy.confirm</c>: declined, dismissed, unanswered in time, or the client cannot be asked.</summary>
    public const string Declined = "declined";

    /// <summary><c>policy.pinTools</c>: the tool is new or changed since <c>mcpshim pin</c>.</summary>
    public const string Unpinned = "unpinned";
}
