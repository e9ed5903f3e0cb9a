namespace McpShim.Platform;

/// <summary>
/// macOS: config and state both in <c>~/Library/Application Support/mcpshim</c>, where macOS apps keep their files.
/// An XDG variable set explicitly (to an absolute path) still wins, for users who keep dotfiles the Linux way; the
/// <c>~/.config</c> fallback is not used, as nothing on macOS sets it up.
/// </summary>
internal sealed class MacFolders(IHostEnvironment host) : IShimFolders
{
    public string Home => UnixHome.Of(host);

    public string ConfigFolder => XdgFolders.Xdg(host, "XDG_CONFIG_HOME") is { } xdg ? PathSyntax.Unix.Combine(xdg, "mcpshim") : ApplicationSupport;

    public string StateFolder => XdgFolders.Xdg(host, "XDG_STATE_HOME") is { } xdg ? PathSyntax.Unix.Combine(xdg, "mcpshim") : ApplicationSupport;

    private string ApplicationSupport => PathSyntax.Unix.Combine(Home, "Library", "Application Support", "mcpshim");
}
