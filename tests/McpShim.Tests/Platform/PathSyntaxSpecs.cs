using McpShim.Platform;

namespace McpShim.Tests.Platform;

public sealed class PathSyntaxSpecs
{
    [Theory]
    [InlineData(@"C:\Users\ada", true)]
    [InlineData("C:/Users/ada", true)]
    [InlineData(@"\\server\share", true)]
    [InlineData("C:relative", false)]
    [InlineData(@"AppData\Roaming", false)]
    [InlineData("/unix/path", false)]
    public void Windows_paths_are_absolute_with_a_drive_and_a_separator_or_as_a_share(string path, bool rooted)
    {
        Assert.Equal(rooted, PathSyntax.Windows.IsRooted(path));
    }

    [Fact]
    public void Paths_are_joined_with_the_OSs_separator_whatever_machine_runs_the_code()
    {
        Assert.Equal(@"C:\Program Files\Docker\docker.exe", PathSyntax.Windows.Combine(@"C:\Program Files\", "Docker", "docker.exe"));
        Assert.Equal("/Users/ada/.rd/bin", PathSyntax.Unix.Combine("/Users/ada/", ".rd", "bin"));
        Assert.Equal(["a", "b"], "a;b".Split(PathSyntax.Windows.ListSeparator));
    }
}
