namespace McpShim.Sandbox;

/// <summary>A session's sandbox, worked out before the server starts: the rules, and what <c>mcpshim show</c> explains.</summary>
internal sealed record SandboxPlan(
    SandboxRules Rules,
    string Scratch,
    IReadOnlyList<string> Hidden,
    IReadOnlyList<KeyValuePair<string, string>> Environment);
