using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

/// <summary>
/// The documented search order per OS, snapshotted with a fake home: a GUI client's PATH first, then the well-known
/// places. A change here is a change to README "When a GUI client starts mcpshim".
/// </summary>
public sealed class EngineSearchOrderSpecs
{
    [Fact]
    public void On_Linux_the_search_order_is_PATH_then_the_distribution_and_user_folders()
    {
        var env = Env(("PATH", "/usr/bin:/bin"), ("HOME", "/home/ada"));

        Snapshot.Match(Order(new LinuxEngineSearchPaths(new XdgFolders(env)), env), "linux");
    }

    [Fact]
    public void On_macOS_the_search_order_is_launchds_PATH_then_Homebrew_Docker_Desktop_Rancher_OrbStack_and_Podman()
    {
        var env = Env(("PATH", "/usr/bin:/bin:/usr/sbin:/sbin"), ("HOME", "/Users/ada"));

        Snapshot.Match(Order(new MacEngineSearchPaths(new MacFolders(env)), env), "macos");
    }

    [Fact]
    public void On_Windows_the_search_order_is_PATH_then_Docker_Desktop_Podman_and_Rancher_with_exe_first()
    {
        var env = Env(@"C:\Windows\system32;C:\Windows", @"C:\Users\ada", @"D:\Apps");

        Snapshot.Match(Order(new WindowsEngineSearchPaths(env, new WindowsFolders(env)), env), "windows");
    }

    [Fact]
    public void On_Windows_without_ProgramFiles_the_default_Program_Files_folder_is_searched()
    {
        var env = Env(string.Empty, @"C:\Users\ada", programFiles: null);

        Assert.Equal(@"C:\Program Files\Docker\Docker\resources\bin", new WindowsEngineSearchPaths(env, new WindowsFolders(env)).WellKnownFolders.First());
    }

    [Fact]
    public void An_engine_named_with_exe_is_looked_for_only_under_that_name_on_Windows()
    {
        var env = Env(@"C:\bin", @"C:\Users\ada", @"D:\Apps");

        var found = EngineLocator.Locate("podman.exe", new WindowsEngineSearchPaths(env, new WindowsFolders(env)), env);

        Assert.Equal(@"C:\bin\podman.exe", found.Tried[0]);
        Assert.DoesNotContain(@"C:\bin\podman.exe.exe", found.Tried);
    }

    [Fact]
    public void On_Windows_a_folder_listed_twice_in_different_case_is_tried_once()
    {
        var env = Env(@"C:\Tools;c:\tools", @"C:\Users\ada", @"D:\Apps");

        var tried = EngineLocator.Locate("docker", new WindowsEngineSearchPaths(env, new WindowsFolders(env)), env).Tried;

        Assert.Equal([@"C:\Tools\docker.exe", @"C:\Tools\docker"], tried.Take(2));
        Assert.DoesNotContain(@"c:\tools\docker.exe", tried);
    }

    private static string Order(IEngineSearchPaths search, IHostEnvironment env) =>
        string.Join('\n', EngineLocator.Locate("docker", search, env).Tried) + "\n";

    private static FakeHostEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));

    private static FakeHostEnvironment Env(string path, string userProfile, string? programFiles)
    {
        var variables = new Dictionary<string, string> { ["PATH"] = path, ["USERPROFILE"] = userProfile };
        if (programFiles is not null)
            variables["ProgramFiles"] = programFiles;
        return new FakeHostEnvironment(variables);
    }
}
