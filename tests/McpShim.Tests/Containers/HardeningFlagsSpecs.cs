using McpShim.Containers;
using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

public sealed class HardeningFlagsSpecs
{
    private static readonly SessionInfo Session = new("0123456789ab", "alice", "1000", "host1", 4242, "98765");

    private static readonly ResolvedProfile Profile = new()
    {
        Name = "everything",
        Source = "test",
        Mode = ProfileMode.Run,
        Image = "mcpshim/everything:latest",
        AuditPath = "/dev/null",
        Volumes = [new ResolvedVolume("/home/alice/projects", "/workspace", true), new ResolvedVolume("/home/alice/out", "/out", false)],
        Env = [new("LOG_LEVEL", "info")],
    };

    [Fact]
    public void A_run_container_gets_every_hardening_flag()
    {
        var flags = HardeningFlags.For(Profile, Session, "mcpshim-everything-0123456789ab", "65532:65532", warm: false);

        Snapshot.Match(string.Join('\n', flags) + "\n", "run");
    }

    [Fact]
    public void A_warm_container_is_detached_and_not_removed_on_exit()
    {
        var flags = HardeningFlags.For(Profile with { Mode = ProfileMode.Exec }, Session, "mcpshim-everything-alice", "65532:65532", warm: true);

        Assert.Equal("-d", flags[0]);
        Assert.DoesNotContain("--rm", flags);
        Assert.Contains("io.mcpshim.mode=exec", flags);
    }

    [Theory]
    [InlineData(null, null, "65532:65532")]
    [InlineData(null, "", "65532:65532")]
    [InlineData(null, "root", "65532:65532")]
    [InlineData(null, "0:0", "65532:65532")]
    [InlineData(null, "00", "65532:65532")]
    [InlineData(null, "+0:5", "65532:65532")]
    [InlineData(null, "node", "65532:65532")]
    [InlineData(null, "1000", "1000:1000")]
    [InlineData(null, "0100:0200", "100:200")]
    [InlineData("1000:1000", "node", "1000:1000")]
    public void The_user_is_the_profiles_else_the_images_numeric_non_root_user_else_65532(string? profileUser, string? imageUser, string expected)
    {
        var image = new ImageConfig { User = imageUser };

        Assert.Equal(expected, HardeningFlags.ChooseUser(Profile with { User = profileUser }, image));
    }

    [Fact]
    public void Environment_values_never_reach_the_engine_command_line()
    {
        var env = HardeningFlags.Environment(Profile, HardeningFlags.FallbackUser, []);
        var flags = HardeningFlags.For(Profile, Session, "n", HardeningFlags.FallbackUser, warm: false);

        Assert.Contains(new KeyValuePair<string, string>("LOG_LEVEL", "info"), env);
        Assert.Contains(new KeyValuePair<string, string>("HOME", "/tmp"), env);
        Assert.DoesNotContain(flags, f => f.Contains("info", StringComparison.Ordinal) && !f.StartsWith("io.", StringComparison.Ordinal));
    }
}
