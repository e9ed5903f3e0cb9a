namespace McpShim.Platform;

/// <summary>
/// Linux: desktop apps keep their data in <c>$XDG_CONFIG_HOME</c> (else <c>~/.config</c>); a GUI-launched client gets
/// systemd's default <c>PATH</c> (a desktop session may add more, but that cannot be counted on).
/// </summary>
internal sealed class LinuxClientAppFolders(IHostEnvironment host) : IClientAppFolders
{
    private readonly XdgFolders _folders = new(host);

    public PathSyntax Syntax => PathSyntax.Unix;

    public string Home => _folders.Home;

    public string ApplicationData => XdgFolders.Xdg(host, "XDG_CONFIG_HOME") ?? Syntax.Combine(Home, ".config");

    public string? DotConfig => ApplicationData;

    public string? FolderFromVariable(string variable) => XdgFolders.Xdg(host, variable);

    public string GuiPath => "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public string GuiConfigFolder => new XdgFolders(new GuiLaunchEnvironment(host)).ConfigFolder;

    public IReadOnlyList<string> CommandFileNames(string command) => [command];
}
