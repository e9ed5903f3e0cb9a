namespace McpShim.Platform;

/// <summary>
/// Windows: config in <c>%APPDATA%\mcpshim</c> (roams with the user), state in <c>%LOCALAPPDATA%\mcpshim</c> (the
/// audit log stays on this machine). When a GUI client starts mcpshim with a trimmed environment that lacks them, the
/// default places under <c>%USERPROFILE%\AppData</c> are used. XDG variables are ignored here.
/// </summary>
internal sealed class WindowsFolders(IHostEnvironment host) : IShimFolders
{
    public string Home =>
        host.GetEnvironmentVariable("USERPROFILE") is { Length: > 0 } profile ? profile : host.UserProfileFallback;

    public string ConfigFolder => PathSyntax.Windows.Combine(Known("APPDATA", "Roaming"), "mcpshim");

    public string StateFolder => PathSyntax.Windows.Combine(Known("LOCALAPPDATA", "Local"), "mcpshim");

    private string Known(string variable, string underAppData) =>
        host.GetEnvironmentVariable(variable) is { Length: > 0 } value && PathSyntax.Windows.IsRooted(value)
            ? value
            : PathSyntax.Windows.Combine(Home, "AppData", underAppData);
}
