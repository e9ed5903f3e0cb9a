namespace McpShim.Platform;

/// <summary>
/// macOS: config and state both in <c>~/Library/Application Support/mcpshim</c>, where macOS apps keep their files.
/// An XDG variable set explicitly (to an absolute path) still wins, for users who keep dotfiles the Linux way. A
/// <c>~/.config/mcpshim</c> folder (where earlier mcpshim builds kept the config on every Unix) is still used while
/// no Application Support folder exists, so upgrading never loses a user's profiles.
/// </summary>
internal sealed class MacFolders(IHostEnvironment host) : IShimFolders
{
    public string Home => UnixHome.Of(host);

    public string ConfigFolder =>
        XdgFolders.Xdg(host, "XDG_CONFIG_HOME") is { } xdg ? PathSyntax.Unix.Combine(xdg, "mcpshim")
        : !host.DirectoryExists(ApplicationSupport) && host.DirectoryExists(EarlierConfig) ? EarlierConfig
        : ApplicationSupport;

    public string StateFolder => XdgFolders.Xdg(host, "XDG_STATE_HOME") is { } xdg ? PathSyntax.Unix.Combine(xdg, "mcpshim") : ApplicationSupport;

    private string ApplicationSupport => PathSyntax.Unix.Combine(Home, "Library", "Application Support", "mcpshim");

    private string EarlierConfig => PathSyntax.Unix.Combine(Home, ".config", "mcpshim");
}
