using McpShim.Policy;

namespace McpShim.Tests.Policy;

public sealed class ToolPolicySpecs
{
    private static ToolPolicy Policy(string[] allow, string[] deny) => new()
    {
        Allow = allow.Select(p => new ToolNameGlob(p)).ToArray(),
        Deny = deny.Select(p => new ToolNameGlob(p)).ToArray(),
        PinsFile = "/unused",
        Source = "test",
    };

    [Fact]
    public void Deny_wins_over_allow()
    {
        var policy = Policy(allow: ["*_file"], deny: ["delete_*"]);

        Assert.Null(policy.HidingRule("read_file"));
        Assert.Equal("delete_*", policy.HidingRule("delete_file"));
        Assert.Equal("allow", policy.HidingRule("list_directory"));
    }

    [Fact]
    public void Without_allow_patterns_every_tool_not_denied_is_visible()
    {
        var policy = Policy(allow: [], deny: ["*delete*"]);

        Assert.Null(policy.HidingRule("anything"));
        Assert.Equal("*delete*", policy.HidingRule("do_delete"));
    }
}
