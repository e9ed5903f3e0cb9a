namespace McpShim.Profiles;

/// <summary><c>policy.tools</c>: glob patterns over tool names (<c>*</c> any run, <c>?</c> one character); deny wins.</summary>
internal sealed class ToolRulesSpec
{
    /// <summary>When given, only tools matching one of these are listed and callable.</summary>
    public string[]? Allow { get; init; }

    public string[]? Deny { get; init; }
}
