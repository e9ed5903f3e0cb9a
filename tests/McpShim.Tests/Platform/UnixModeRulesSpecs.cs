using McpShim.Platform;

namespace McpShim.Tests.Platform;

/// <summary>The Unix decision over mode bits (the files themselves are covered by the secrets and profiles specs).</summary>
public sealed class UnixModeRulesSpecs
{
    [Theory]
    [InlineData(0b110_000_000, null, null)]
    [InlineData(0b110_100_000, null, "chmod 600")]
    [InlineData(0b110_100_100, null, "chmod 600")]
    [InlineData(0b110_110_100, "chmod go-w", "chmod 600")]
    [InlineData(0b110_000_010, "chmod go-w", "chmod 600")]
    [InlineData(0b111_000_000, null, null)]
    public void Group_or_other_bits_are_what_make_a_file_not_yours_alone(int mode, string? writeFix, string? readFix)
    {
        Assert.Equal(writeFix, UnixModeRules.OthersCanWrite("f", (UnixFileMode)mode)?.Fix.Split(" '")[0]);
        Assert.Equal(readFix, UnixModeRules.OthersCanReadOrWrite("f", (UnixFileMode)mode)?.Fix.Split(" '")[0]);
    }

    [Fact]
    public void The_problem_names_the_mode_in_octal_and_the_fix_names_the_file()
    {
        var problem = UnixModeRules.OthersCanReadOrWrite("/home/ada/.config/mcpshim/secrets.env", (UnixFileMode)0b110_100_100);

        Assert.Equal(new AccessProblem("mode 0644", "chmod 600 '/home/ada/.config/mcpshim/secrets.env'"), problem);
    }
}
