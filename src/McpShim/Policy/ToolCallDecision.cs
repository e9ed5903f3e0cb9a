using McpShim.Policy.Schema;

namespace McpShim.Policy;

/// <summary>What the policy says about one tool call, once the server's tool definitions are known.</summary>
internal sealed record ToolCallDecision(ToolCallVerdict Verdict, string? Reason = null, int Code = 0, string? Message = null, IReadOnlyList<SchemaViolation>? Violations = null)
{
    public static ToolCallDecision Allow { get; } = new(ToolCallVerdict.Allow);

    public static ToolCallDecision AskUser { get; } = new(ToolCallVerdict.Confirm);

    public static ToolCallDecision Deny(string reason, int code, string message, IReadOnlyList<SchemaViolation>? violations = null) =>
        new(ToolCallVerdict.Deny, reason, code, message, violations);
}
