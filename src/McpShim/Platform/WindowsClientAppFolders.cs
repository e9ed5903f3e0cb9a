namespace McpShim.Platform;

/// <summary>
/// Windows: desktop apps keep their data in <c>%APPDATA%</c> (else <c>%USERPROFILE%\AppData\Roaming</c>); a client
/// started from the Start menu gets the user's own <c>PATH</c>, and a bare command may be found as <c>NAME.exe</c>.
/// </summary>
internal sealed class WindowsClientAppFolders(IHostEnvironment host) : IClientAppFolders
{
    private readonly WindowsFolders _folders = new(host);

    public PathSyntax Syntax => PathSyntax.Windows;

    public string Home => _folders.Home;

    public string ApplicationData =>
        host.GetEnvironmentVariable("APPDATA") is { Length: > 0 } appData && Syntax.IsRooted(appData)
            ? appData
            : Syntax.Combine(Home, "AppData", "Roaming");

    public string? DotConfig => null;

    public string? FolderFromVariable(string variable) =>
        host.GetEnvironmentVariable(variable) is { Length: > 0 } value && Syntax.IsRooted(value) ? value : null;

    public string GuiPath => host.GetEnvironmentVariable("PATH") ?? string.Empty;

    public string GuiConfigFolder => new WindowsFolders(new GuiLaunchEnvironment(host)).ConfigFolder;

    public IReadOnlyList<string> CommandFileNames(string command) =>
        command.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? [command] : [command, command + ".exe"];
}
