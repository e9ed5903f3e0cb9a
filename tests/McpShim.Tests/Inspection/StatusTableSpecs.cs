using McpShim.Inspection;
using McpShim.Tests.Support;

namespace McpShim.Tests.Inspection;

public sealed class StatusTableSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static readonly ContainerStatus[] Containers =
    [
        new()
        {
            Name = "mcpshim-everything-0a1b2c3d4e5f", Profile = "everything", Mode = "run", State = "running",
            StartedAt = Now.AddSeconds(-42), Cpu = "0.25%", Memory = "41.2MiB",
            ImageId = "sha256:cb5a288cb290f00dfeedbeefcafe0123456789abcdef0123456789abcdef012", OwnerUser = "alice", OwnerPid = "4242",
        },
        new()
        {
            Name = "mcpshim-memory-alice", Profile = "memory", Mode = "exec", State = "running",
            StartedAt = Now.AddHours(-27).AddMinutes(-5), Cpu = "0.00%", Memory = "120MiB",
            ImageId = "sha256:77aa00bb11cc22dd33ee44ff5566778899aabbccddeeff00112233445566778", OwnerUser = "alice",
        },
        new()
        {
            Name = "mcpshim-a-very-long-profile-name-for-the-team-shared-github-server-x",
            Profile = "a-very-long-profile-name-for-the-team-shared-github-server", Mode = "run", State = "running",
            StartedAt = Now.AddMinutes(-75), Cpu = "12.50%", Memory = "1.003GiB",
            ImageId = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", OwnerUser = "bob", OwnerPid = "31337", OwnerDead = true,
        },
        new()
        {
            Name = "mcpshim-filesystem-ffee", Profile = "filesystem", Mode = "run", State = "exited",
            StartedAt = Now.AddDays(-3), ImageId = "sha256:abcdefabcdef0000", OwnerUser = "alice", OwnerPid = "77", OwnerDead = true,
        },
    ];

    [Fact]
    public void I_can_read_one_aligned_row_per_container_within_100_columns()
    {
        var output = new StringWriter();

        StatusTable.Write(Containers, Now, colour: false, output);

        var text = output.ToString();
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= StatusTable.MaxWidth, $"{line.Length} columns: {line}"));
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
        Snapshot.Match(text, "table");
    }

    [Fact]
    public void Colour_marks_state_and_dead_owners_without_breaking_the_alignment()
    {
        var plain = new StringWriter();
        var coloured = new StringWriter();

        StatusTable.Write(Containers, Now, colour: false, plain);
        StatusTable.Write(Containers, Now, colour: true, coloured);

        Assert.Contains("\u001b[32mrunning", coloured.ToString(), StringComparison.Ordinal);
        Assert.Contains("\u001b[31mbob pid 31337 (dead)", coloured.ToString(), StringComparison.Ordinal);
        var stripped = System.Text.RegularExpressions.Regex.Replace(coloured.ToString(), "\u001b\\[[0-9]+m", string.Empty);
        Assert.Equal(plain.ToString(), stripped);
    }

    [Fact]
    public void No_managed_containers_is_said_plainly()
    {
        var output = new StringWriter();

        StatusTable.Write([], Now, colour: false, output);

        Assert.StartsWith("no containers managed by mcpshim", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(42, "42s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 300, "3h05m")]
    [InlineData(2 * 86400 + 4 * 3600, "2d04h")]
    public void Uptime_uses_at_most_two_units(int seconds, string expected) =>
        Assert.Equal(expected, StatusTable.Uptime(TimeSpan.FromSeconds(seconds)));
}
