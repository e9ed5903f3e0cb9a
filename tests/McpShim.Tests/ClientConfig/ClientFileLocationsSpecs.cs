using McpShim.ClientConfig;
using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.ClientConfig;

/// <summary>Where each client's file is, per OS, with fake hosts for macOS and Windows.</summary>
public sealed class ClientFileLocationsSpecs
{
    private static readonly IClientAppFolders Mac = new MacClientAppFolders(Env(("HOME", "/Users/alice")));
    private static readonly IClientAppFolders Linux = new LinuxClientAppFolders(Env(("HOME", "/home/alice")));
    private static readonly IClientAppFolders Windows = new WindowsClientAppFolders(
        Env(("USERPROFILE", @"C:\Users\alice"), ("APPDATA", @"C:\Users\alice\AppData\Roaming")));

    [Theory]
    [InlineData("claude-desktop", "/Users/alice/Library/Application Support/Claude/claude_desktop_config.json", "/home/alice/.config/Claude/claude_desktop_config.json", @"C:\Users\alice\AppData\Roaming\Claude\claude_desktop_config.json")]
    [InlineData("claude-code", "/Users/alice/.claude.json", "/home/alice/.claude.json", @"C:\Users\alice\.claude.json")]
    [InlineData("cursor", "/Users/alice/.cursor/mcp.json", "/home/alice/.cursor/mcp.json", @"C:\Users\alice\.cursor\mcp.json")]
    [InlineData("vscode", "/Users/alice/Library/Application Support/Code/User/mcp.json", "/home/alice/.config/Code/User/mcp.json", @"C:\Users\alice\AppData\Roaming\Code\User\mcp.json")]
    [InlineData("codex", "/Users/alice/.codex/config.toml", "/home/alice/.codex/config.toml", @"C:\Users\alice\.codex\config.toml")]
    [InlineData("gemini", "/Users/alice/.gemini/settings.json", "/home/alice/.gemini/settings.json", @"C:\Users\alice\.gemini\settings.json")]
    [InlineData("windsurf", "/Users/alice/.codeium/windsurf/mcp_config.json", "/home/alice/.codeium/windsurf/mcp_config.json", @"C:\Users\alice\.codeium\windsurf\mcp_config.json")]
    [InlineData("zed", "/Users/alice/.config/zed/settings.json", "/home/alice/.config/zed/settings.json", @"C:\Users\alice\AppData\Roaming\Zed\settings.json")]
    [InlineData(
        "cline",
        "/Users/alice/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
        "/home/alice/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
        @"C:\Users\alice\AppData\Roaming\Code\User\globalStorage\saoudrizwan.claude-dev\settings\cline_mcp_settings.json")]
    [InlineData("goose", "/Users/alice/.config/goose/config.yaml", "/home/alice/.config/goose/config.yaml", @"C:\Users\alice\AppData\Roaming\Block\goose\config\config.yaml")]
    public void Each_clients_user_file_is_where_that_client_reads_it_on_each_OS(string client, string mac, string linux, string windows)
    {
        var kind = McpClient.Find(client)!;

        Assert.Equal(mac, ClientFileLocations.UserFile(kind, Mac));
        Assert.Equal(linux, ClientFileLocations.UserFile(kind, Linux));
        Assert.Equal(windows, ClientFileLocations.UserFile(kind, Windows));
    }

    [Fact]
    public void Project_files_sit_in_the_project_folder_and_Claude_Desktop_has_none()
    {
        Assert.Equal("/src/app/.mcp.json", ClientFileLocations.ProjectFile(McpClient.ClaudeCode, "/src/app", Linux));
        Assert.Equal("/src/app/.cursor/mcp.json", ClientFileLocations.ProjectFile(McpClient.Cursor, "/src/app", Linux));
        Assert.Equal(@"C:\src\app\.vscode\mcp.json", ClientFileLocations.ProjectFile(McpClient.VsCode, @"C:\src\app", Windows));
        Assert.Equal("/src/app/.gemini/settings.json", ClientFileLocations.ProjectFile(McpClient.Gemini, "/src/app", Linux));
        Assert.Equal(@"C:\src\app\.zed\settings.json", ClientFileLocations.ProjectFile(McpClient.Zed, @"C:\src\app", Windows));
        Assert.Null(ClientFileLocations.ProjectFile(McpClient.ClaudeDesktop, "/src/app", Linux));
        Assert.Null(ClientFileLocations.ProjectFile(McpClient.Codex, "/src/app", Linux));
        Assert.Null(ClientFileLocations.ProjectFile(McpClient.Goose, "/src/app", Linux));
    }

    [Fact]
    public void Codex_and_Gemini_CLI_follow_their_home_variables_and_Zed_and_goose_follow_XDG_CONFIG_HOME_on_Linux_only()
    {
        var linux = new LinuxClientAppFolders(Env(("HOME", "/home/alice"), ("XDG_CONFIG_HOME", "/xdg"), ("CODEX_HOME", "/data/codex"), ("GEMINI_CLI_HOME", "/data/gemini")));
        var mac = new MacClientAppFolders(Env(("HOME", "/Users/alice"), ("XDG_CONFIG_HOME", "/xdg"), ("CODEX_HOME", "relative/ignored")));
        var windows = new WindowsClientAppFolders(Env(("USERPROFILE", @"C:\Users\alice"), ("CODEX_HOME", @"D:\codex")));

        Assert.Equal("/data/codex/config.toml", ClientFileLocations.UserFile(McpClient.Codex, linux));
        Assert.Equal("/data/gemini/.gemini/settings.json", ClientFileLocations.UserFile(McpClient.Gemini, linux));
        Assert.Equal("/xdg/zed/settings.json", ClientFileLocations.UserFile(McpClient.Zed, linux));
        Assert.Equal("/xdg/goose/config.yaml", ClientFileLocations.UserFile(McpClient.Goose, linux));
        Assert.Equal("/Users/alice/.codex/config.toml", ClientFileLocations.UserFile(McpClient.Codex, mac));
        Assert.Equal("/Users/alice/.config/zed/settings.json", ClientFileLocations.UserFile(McpClient.Zed, mac));
        Assert.Equal(@"D:\codex\config.toml", ClientFileLocations.UserFile(McpClient.Codex, windows));
    }

    [Fact]
    public void On_Linux_desktop_apps_follow_XDG_CONFIG_HOME_and_on_macOS_they_do_not()
    {
        var xdg = ("XDG_CONFIG_HOME", "/xdg");

        Assert.Equal("/xdg/Claude/claude_desktop_config.json", ClientFileLocations.UserFile(McpClient.ClaudeDesktop, new LinuxClientAppFolders(Env(("HOME", "/home/alice"), xdg))));
        Assert.Equal(
            "/Users/alice/Library/Application Support/Code/User/mcp.json",
            ClientFileLocations.UserFile(McpClient.VsCode, new MacClientAppFolders(Env(("HOME", "/Users/alice"), xdg))));
    }

    [Fact]
    public void On_Windows_a_trimmed_environment_without_APPDATA_falls_back_to_the_profiles_roaming_folder()
    {
        var apps = new WindowsClientAppFolders(Env(("USERPROFILE", @"C:\Users\alice")));

        Assert.Equal(@"C:\Users\alice\AppData\Roaming\Claude\claude_desktop_config.json", ClientFileLocations.UserFile(McpClient.ClaudeDesktop, apps));
    }

    private static FakeHostEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));
}
