namespace McpShim.Platform;

/// <summary>
/// Linux: the XDG base directories. <c>$XDG_CONFIG_HOME/mcpshim</c> (else <c>~/.config/mcpshim</c>) and
/// <c>$XDG_STATE_HOME/mcpshim</c> (else <c>~/.local/state/mcpshim</c>); a relative XDG value is ignored, as the spec says.
/// </summary>
internal sealed class XdgFolders(IHostEnvironment host) : IShimFolders
{
    public string Home => UnixHome.Of(host);

    public string ConfigFolder => PathSyntax.Unix.Combine(Xdg(host, "XDG_CONFIG_HOME") ?? PathSyntax.Unix.Combine(Home, ".config"), "mcpshim");

    public string StateFolder => PathSyntax.Unix.Combine(Xdg(host, "XDG_STATE_HOME") ?? PathSyntax.Unix.Combine(Home, ".local", "state"), "mcpshim");

    /// <summary>An XDG variable's value when it is set to an absolute path, else null.</summary>
    public static string? Xdg(IHostEnvironment host, string variable) =>
        host.GetEnvironmentVariable(variable) is { Length: > 0 } value && PathSyntax.Unix.IsRooted(value) ? value : null;
}
