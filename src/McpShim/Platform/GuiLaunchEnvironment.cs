namespace McpShim.Platform;

/// <summary>
/// The environment a client started from the Dock or Start menu passes on: the user's, without the <c>XDG_*</c>
/// variables a login shell sets (launchd and most desktop sessions do not read shell profiles).
/// </summary>
internal sealed class GuiLaunchEnvironment(IHostEnvironment host) : IHostEnvironment
{
    public string UserProfileFallback => host.UserProfileFallback;

    public string? GetEnvironmentVariable(string name) =>
        name.StartsWith("XDG_", StringComparison.Ordinal) ? null : host.GetEnvironmentVariable(name);

    public bool FileExists(string path) => host.FileExists(path);

    public bool DirectoryExists(string path) => host.DirectoryExists(path);
}
