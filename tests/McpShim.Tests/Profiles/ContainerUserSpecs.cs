using McpShim.Profiles;

namespace McpShim.Tests.Profiles;

/// <summary>A container user is numbers, and uid 0 is uid 0 however it is written.</summary>
public sealed class ContainerUserSpecs
{
    [Theory]
    [InlineData("1000", 1000u, 1000u)]
    [InlineData("1000:100", 1000u, 100u)]
    [InlineData("0065532:+065532", 65532u, 65532u)]
    [InlineData("0", 0u, 0u)]
    [InlineData("00", 0u, 0u)]
    [InlineData("+0", 0u, 0u)]
    [InlineData("0:0", 0u, 0u)]
    [InlineData("0:1000", 0u, 1000u)]
    [InlineData("000000000000000000000", 0u, 0u)]
    [InlineData("root", 0u, 0u)]
    [InlineData("root:root", 0u, 0u)]
    [InlineData("2147483647", 2147483647u, 2147483647u)]
    public void Numbers_are_read_as_the_engine_reads_them_and_written_plainly(string text, uint uid, uint gid)
    {
        var user = ContainerUser.Parse(text, out _);

        Assert.Equal(new ContainerUser(uid, gid), user);
        Assert.Equal(uid == 0, user!.IsRoot);
        Assert.Equal($"{uid}:{gid}", user.ToString());
    }

    [Theory]
    [InlineData("node")]
    [InlineData("1000:staff")]
    [InlineData("root:0")]
    [InlineData("-1")]
    [InlineData("1000:")]
    [InlineData(":1000")]
    [InlineData("1:2:3")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999")]
    [InlineData("1000\n")]
    [InlineData("0x0")]
    [InlineData(" 0")]
    [InlineData("")]
    public void Anything_else_is_refused_with_the_fix(string text)
    {
        Assert.Null(ContainerUser.Parse(text, out var problem));

        Assert.Contains("is not a numeric user: use \"UID\" or \"UID:GID\" in decimal, e.g. \"1000:1000\"", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", problem, StringComparison.Ordinal);
    }
}
