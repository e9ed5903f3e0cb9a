namespace McpShim.Profiles;

/// <summary>
/// <c>smoke</c> in a profile: what <c>mcpshim test</c> runs after its protocol checks (README "mcpshim test"), e.g.
/// <c>{ "calls": [ { "tool": "echo", "arguments": { "message": "hi" }, "expect": { "contains": "hi" } } ] }</c>.
/// </summary>
internal sealed class SmokeSpec
{
    /// <summary>Tool calls made in order, each with what its result must show.</summary>
    public SmokeCallSpec[]? Calls { get; init; }
}
