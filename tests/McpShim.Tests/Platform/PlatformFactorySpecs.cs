using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

public sealed class PlatformFactorySpecs
{
    [Fact]
    public void The_factory_picks_the_parts_of_the_OS_it_runs_on()
    {
        var platform = PlatformFactory.ForThisHost();

        var expected = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";
        Assert.Equal(expected, platform.Name);
        Assert.Equal(OperatingSystem.IsWindows() ? PathSyntax.Windows : PathSyntax.Unix, platform.Syntax);
        Assert.Equal(!OperatingSystem.IsWindows(), platform.SecretFolders.Supported);
        Assert.Equal(
            OperatingSystem.IsWindows() ? typeof(WindowsFolders) : OperatingSystem.IsMacOS() ? typeof(MacFolders) : typeof(XdgFolders),
            platform.Folders.GetType());
        Assert.Equal(
            OperatingSystem.IsWindows() ? typeof(WindowsClientAppFolders) : OperatingSystem.IsMacOS() ? typeof(MacClientAppFolders) : typeof(LinuxClientAppFolders),
            platform.ClientApps.GetType());
    }

    [Fact]
    public void Only_the_factory_asks_which_OS_this_is()
    {
        var src = Path.Combine(RepoPaths.Root, "src", "McpShim");
        var askers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => File.ReadAllText(file) is var text &&
                           (text.Contains("OperatingSystem.Is", StringComparison.Ordinal) || text.Contains("RuntimeInformation", StringComparison.Ordinal)))
            .Select(file => Path.GetRelativePath(src, file).Replace('\\', '/'))
            .ToList();

        Assert.Equal(["Platform/PlatformFactory.cs"], askers);
    }
}
