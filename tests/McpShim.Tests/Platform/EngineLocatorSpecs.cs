using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

/// <summary>Engine discovery on each OS, with a fake file system and environment (only Linux runs here).</summary>
public sealed class EngineLocatorSpecs
{
    [Fact]
    public void On_macOS_a_GUI_client_with_launchds_PATH_still_finds_Docker_Desktops_CLI()
    {
        var host = Host(Os.MacOS, "/usr/bin:/bin:/usr/sbin:/sbin", "/Applications/Docker.app/Contents/Resources/bin/docker");

        var found = EngineLocator.Locate("docker", host.Search, host.Env);

        Assert.Equal("/Applications/Docker.app/Contents/Resources/bin/docker", found.Path);
        Assert.Equal(
            ["/usr/bin/docker", "/bin/docker", "/usr/sbin/docker", "/sbin/docker", "/opt/homebrew/bin/docker", "/usr/local/bin/docker",
             "/Users/ada/.docker/bin/docker", "/Applications/Docker.app/Contents/Resources/bin/docker"],
            found.Tried);
    }

    [Theory]
    [InlineData("/Users/ada/.orbstack/bin/docker")]
    [InlineData("/Users/ada/.rd/bin/docker")]
    [InlineData("/opt/homebrew/bin/docker")]
    public void On_macOS_Homebrew_Rancher_and_OrbStack_are_found_too(string installed)
    {
        Assert.Equal(installed, Locate("docker", Host(Os.MacOS, "/usr/bin:/bin", installed)).Path);
    }

    [Fact]
    public void On_Linux_PATH_comes_first_then_snap_and_the_users_docker_folder()
    {
        Assert.Equal("/opt/tools/podman", Locate("podman", Host(Os.Linux, "/opt/tools", "/opt/tools/podman", "/usr/bin/podman")).Path);
        Assert.Equal("/snap/bin/docker", Locate("docker", Host(Os.Linux, "/bin", "/snap/bin/docker")).Path);
        Assert.Equal("/home/ada/.docker/bin/docker", Locate("docker", Host(Os.Linux, string.Empty, "/home/ada/.docker/bin/docker")).Path);
    }

    [Fact]
    public void On_Windows_Docker_Desktops_resources_bin_is_found_with_the_exe_suffix()
    {
        var host = Host(Os.Windows, @"C:\Windows\system32", @"C:\Program Files\Docker\Docker\resources\bin\docker.exe");

        var found = EngineLocator.Locate("docker", host.Search, host.Env);

        Assert.Equal(@"C:\Program Files\Docker\Docker\resources\bin\docker.exe", found.Path);
        Assert.Contains(@"C:\Windows\system32\docker.exe", found.Tried);
    }

    [Fact]
    public void An_absolute_path_is_used_as_given_and_nothing_else_is_tried()
    {
        var found = Locate("/custom/docker", Host(Os.Linux, "/usr/bin", "/usr/bin/docker"));

        Assert.Null(found.Path);
        Assert.Equal(["/custom/docker"], found.Tried);
    }

    [Fact]
    public void With_no_engine_anywhere_every_place_tried_is_listed()
    {
        var found = Locate("docker", Host(Os.Linux, "/usr/bin:/bin"));

        Assert.Null(found.Path);
        Assert.Equal(["/usr/bin/docker", "/bin/docker", "/usr/local/bin/docker", "/home/ada/.docker/bin/docker", "/snap/bin/docker"], found.Tried);
    }

    private enum Os
    {
        Linux,
        MacOS,
        Windows,
    }

    private static EngineLocation Locate(string engine, (IEngineSearchPaths Search, IHostEnvironment Env) host) =>
        EngineLocator.Locate(engine, host.Search, host.Env);

    private static (IEngineSearchPaths Search, IHostEnvironment Env) Host(Os os, string path, params string[] files)
    {
        var env = new FakeHostEnvironment(
            new Dictionary<string, string>
            {
                ["PATH"] = path,
                ["HOME"] = os == Os.MacOS ? "/Users/ada" : "/home/ada",
                ["USERPROFILE"] = @"C:\Users\ada",
                ["ProgramFiles"] = @"C:\Program Files",
            },
            files);
        IEngineSearchPaths search = os switch
        {
            Os.MacOS => new MacEngineSearchPaths(new MacFolders(env)),
            Os.Windows => new WindowsEngineSearchPaths(env, new WindowsFolders(env)),
            _ => new LinuxEngineSearchPaths(new XdgFolders(env)),
        };
        return (search, env);
    }
}
