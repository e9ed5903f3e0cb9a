namespace McpShim.Audit;

/// <summary>The <c>outcome</c> field of a <c>tools/call</c> audit line.</summary>
internal static class AuditOutcome
{
    public const string Ok = "ok";
    public const string ToolError = "tool_error";
    public const string Error = "error";
    public const string Aborted = "aborted";
}
