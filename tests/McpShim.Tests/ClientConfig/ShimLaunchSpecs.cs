using McpShim.ClientConfig;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.ClientConfig;

/// <summary>
/// Which profiles file a client entry names with <c>--config</c> (issue 7): none when a client started from the Dock
/// or Start menu finds the file on its own, the file otherwise.
/// </summary>
public sealed class ShimLaunchSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_profiles_file_in_the_default_config_folder_is_not_named()
    {
        var file = WriteProfiles(".config", "mcpshim");

        Assert.Null(ShimLaunch.ProfilesFileToName(ProfileCatalog.Load(file), new LinuxClientAppFolders(Env())));
    }

    [Fact]
    public void A_profiles_file_found_through_the_shells_XDG_CONFIG_HOME_is_named_as_a_GUI_client_lacks_that_variable()
    {
        var file = WriteProfiles("xdg", "mcpshim");

        var named = ShimLaunch.ProfilesFileToName(ProfileCatalog.Load(file), new LinuxClientAppFolders(Env(("XDG_CONFIG_HOME", _temp.File("xdg")))));

        Assert.Equal(file, named);
    }

    [Fact]
    public void On_macOS_the_file_in_Application_Support_is_not_named_and_one_in_dot_config_is()
    {
        var support = WriteProfiles("Library", "Application Support", "mcpshim");
        var dotConfig = WriteProfiles(".config", "mcpshim");
        var mac = new MacClientAppFolders(Env());

        Assert.Null(ShimLaunch.ProfilesFileToName(ProfileCatalog.Load(support), mac));
        Assert.Equal(dotConfig, ShimLaunch.ProfilesFileToName(ProfileCatalog.Load(dotConfig), mac));
    }

    [Fact]
    public void An_entry_names_the_profile_and_the_profiles_file_and_uses_run_for_a_profile_named_like_a_command()
    {
        var launch = new ShimLaunch("/opt/mcpshim/mcpshim", "/p/profiles.json", ["run", "list"]);

        Assert.Equal(new[] { "github", "--config", "/p/profiles.json" }, launch.EntryFor("github").Args);
        Assert.Equal(new[] { "run", "list", "--config", "/p/profiles.json" }, launch.EntryFor("list").Args);
    }

    private string WriteProfiles(params string[] folders)
    {
        var folder = Path.Combine([_temp.Path, .. folders]);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "profiles.json");
        File.WriteAllText(file, """{ "profiles": { "github": { "image": "example/github:1" } } }""");
        return file;
    }

    private FakeHostEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.Append(("HOME", _temp.Path)).ToDictionary(v => v.Item1, v => v.Item2));
}
