using McpShim.Tests.Support;
using McpShim.Updates;

namespace McpShim.Tests.Updates;

public sealed class UpdateTextSpecs
{
    private const string Old = "sha256:cb5a288cb290f00dfeedbeefcafe0123456789abcdef0123456789abcdef0";
    private const string New = "sha256:77aa00bb11cc22dd33ee44ff5566778899aabbccddeeff001122334455667788";

    [Fact]
    public void I_can_read_what_update_and_rollback_changed_one_line_per_profile()
    {
        var lines = new[]
        {
            UpdateText.Updated(new UpdateOutcome("context7", "mcpshim/context7:latest", Old, New, "pulled")),
            UpdateText.Updated(new UpdateOutcome("github", "ghcr.io/github/github-mcp-server:v1", Old, Old, "pulled")),
            UpdateText.Updated(new UpdateOutcome("mine", "registry.local:5000/team/mine", null, New, "rebuilt from /home/alice/src/mine")),
            UpdateText.WarmContainerKeepsOldImage("memory", "mcpshim-memory-alice"),
            UpdateText.RolledBack(new UpdateOutcome("context7", "mcpshim/context7:latest", New, Old, "rolled back")),
            UpdateText.RolledBack(new UpdateOutcome("context7", "mcpshim/context7:latest", Old, Old, "rolled back")),
        };

        Snapshot.Match(string.Join('\n', lines) + "\n", "lines");
    }

    [Theory]
    [InlineData("mcpshim/everything:latest", "mcpshim/everything:mcpshim-rollback")]
    [InlineData("registry.local:5000/team/server", "registry.local:5000/team/server:mcpshim-rollback")]
    [InlineData("registry.local:5000/team/server:1.2", "registry.local:5000/team/server:mcpshim-rollback")]
    [InlineData("ghcr.io/o/s@sha256:0123", "ghcr.io/o/s:mcpshim-rollback")]
    public void The_rollback_tag_lives_in_the_images_own_repository(string image, string rollback)
    {
        Assert.Equal(rollback, ImageName.Parse(image).RollbackReference);
    }
}
