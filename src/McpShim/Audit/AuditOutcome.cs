namespace McpShim.Audit;

/// <summary>The <c>outcome</c> field of a <c>tools/call</c> audit line.</summary>
internal static class AuditOutcome
{
    public const string Ok = "ok";
    public const string ToolError = "tool_error";
    public const string Error = "error";
    public const string Aborted = "aborted";

    /// <summary>The tool policy refused the call; it never reached the server (the line's <c>reason</c> says why).</summary>
    public const string Denied = "denied";

    /// <summary>mcpshim answered a 2026-07-28 call with an InputRequiredResult (its confirmation); the retry is audited on its own.</summary>
    public const string InputRequired = "input_required";
}
