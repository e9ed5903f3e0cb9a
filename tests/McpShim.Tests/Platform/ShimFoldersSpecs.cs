using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

/// <summary>Where config and state live on each OS, with a fake environment (only Linux runs here).</summary>
public sealed class ShimFoldersSpecs
{
    [Fact]
    public void On_Linux_without_XDG_variables_the_folders_are_under_dot_config_and_dot_local_state()
    {
        var folders = new XdgFolders(Env(("HOME", "/home/ada")));

        Assert.Equal("/home/ada", folders.Home);
        Assert.Equal("/home/ada/.config/mcpshim", folders.ConfigFolder);
        Assert.Equal("/home/ada/.local/state/mcpshim", folders.StateFolder);
    }

    [Fact]
    public void On_Linux_absolute_XDG_variables_win_and_relative_ones_are_ignored()
    {
        Assert.Equal("/xdg/config/mcpshim", new XdgFolders(Env(("HOME", "/home/ada"), ("XDG_CONFIG_HOME", "/xdg/config/"))).ConfigFolder);
        Assert.Equal("/xdg/state/mcpshim", new XdgFolders(Env(("HOME", "/home/ada"), ("XDG_STATE_HOME", "/xdg/state"))).StateFolder);
        Assert.Equal("/home/ada/.config/mcpshim", new XdgFolders(Env(("HOME", "/home/ada"), ("XDG_CONFIG_HOME", "relative/config"))).ConfigFolder);
    }

    [Fact]
    public void Without_HOME_the_runtimes_user_profile_is_home()
    {
        Assert.Equal("/fallback/home/.config/mcpshim", new XdgFolders(Env()).ConfigFolder);
        Assert.Equal("/fallback/home/Library/Application Support/mcpshim", new MacFolders(Env()).ConfigFolder);
    }

    [Fact]
    public void On_macOS_config_and_state_live_in_Application_Support()
    {
        var folders = new MacFolders(Env(("HOME", "/Users/ada")));

        Assert.Equal("/Users/ada/Library/Application Support/mcpshim", folders.ConfigFolder);
        Assert.Equal("/Users/ada/Library/Application Support/mcpshim", folders.StateFolder);
    }

    [Fact]
    public void On_macOS_a_config_folder_of_an_earlier_build_in_dot_config_is_kept_until_Application_Support_exists()
    {
        var variables = new Dictionary<string, string> { ["HOME"] = "/Users/ada" };
        const string Earlier = "/Users/ada/.config/mcpshim", Support = "/Users/ada/Library/Application Support/mcpshim";

        Assert.Equal(Earlier, new MacFolders(new FakeHostEnvironment(variables, folders: [Earlier])).ConfigFolder);
        Assert.Equal(Support, new MacFolders(new FakeHostEnvironment(variables, folders: [Earlier, Support])).ConfigFolder);
        Assert.Equal(Support, new MacFolders(new FakeHostEnvironment(variables, folders: [Earlier])).StateFolder); // state moves
    }

    [Fact]
    public void On_macOS_XDG_variables_set_explicitly_are_still_honoured()
    {
        var folders = new MacFolders(Env(("HOME", "/Users/ada"), ("XDG_CONFIG_HOME", "/Users/ada/.config"), ("XDG_STATE_HOME", "relative")));

        Assert.Equal("/Users/ada/.config/mcpshim", folders.ConfigFolder);
        Assert.Equal("/Users/ada/Library/Application Support/mcpshim", folders.StateFolder);
    }

    [Fact]
    public void On_Windows_config_roams_in_APPDATA_and_state_stays_in_LOCALAPPDATA()
    {
        var folders = new WindowsFolders(Env(
            ("USERPROFILE", @"C:\Users\ada"),
            ("APPDATA", @"D:\Roaming"),
            ("LOCALAPPDATA", @"E:\Local\"),
            ("XDG_CONFIG_HOME", "/ignored")));

        Assert.Equal(@"C:\Users\ada", folders.Home);
        Assert.Equal(@"D:\Roaming\mcpshim", folders.ConfigFolder);
        Assert.Equal(@"E:\Local\mcpshim", folders.StateFolder);
    }

    [Fact]
    public void On_Windows_a_trimmed_environment_without_APPDATA_falls_back_to_the_profiles_AppData()
    {
        var folders = new WindowsFolders(Env(("USERPROFILE", @"C:\Users\ada"), ("APPDATA", "relative")));

        Assert.Equal(@"C:\Users\ada\AppData\Roaming\mcpshim", folders.ConfigFolder);
        Assert.Equal(@"C:\Users\ada\AppData\Local\mcpshim", folders.StateFolder);
    }

    [Fact]
    public void On_Windows_without_USERPROFILE_the_runtimes_user_profile_is_home()
    {
        var folders = new WindowsFolders(new FakeHostEnvironment(new Dictionary<string, string>()) { UserProfileFallback = @"C:\Users\fallback" });

        Assert.Equal(@"C:\Users\fallback\AppData\Roaming\mcpshim", folders.ConfigFolder);
    }

    private static FakeHostEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));
}
