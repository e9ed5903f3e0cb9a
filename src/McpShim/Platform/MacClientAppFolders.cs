namespace McpShim.Platform;

/// <summary>
/// macOS: desktop apps keep their data in <c>~/Library/Application Support</c> (XDG variables play no part); a client
/// started from the Dock gets launchd's minimal <c>PATH</c>.
/// </summary>
internal sealed class MacClientAppFolders(IHostEnvironment host) : IClientAppFolders
{
    public PathSyntax Syntax => PathSyntax.Unix;

    public string Home => UnixHome.Of(host);

    public string ApplicationData => Syntax.Combine(Home, "Library", "Application Support");

    /// <summary>Zed and goose use <c>~/.config</c> on macOS too, not <c>~/Library</c>.</summary>
    public string? DotConfig => Syntax.Combine(Home, ".config");

    public string? FolderFromVariable(string variable) => XdgFolders.Xdg(host, variable);

    public string GuiPath => "/usr/bin:/bin:/usr/sbin:/sbin";

    public string GuiConfigFolder => new MacFolders(new GuiLaunchEnvironment(host)).ConfigFolder;

    public IReadOnlyList<string> CommandFileNames(string command) => [command];
}
