namespace McpShim.Platform;

/// <summary>
/// macOS: Homebrew (Apple silicon, then Intel), Docker Desktop (user then app bundle), Rancher Desktop, OrbStack,
/// Podman's installer and Podman Desktop. launchd's PATH (<c>/usr/bin:/bin:/usr/sbin:/sbin</c>) has none of them.
/// </summary>
internal sealed class MacEngineSearchPaths(IShimFolders folders) : IEngineSearchPaths
{
    public PathSyntax Syntax => PathSyntax.Unix;

    public IEnumerable<string> WellKnownFolders =>
    [
        "/opt/homebrew/bin",
        "/usr/local/bin",
        Syntax.Combine(folders.Home, ".docker", "bin"),
        "/Applications/Docker.app/Contents/Resources/bin",
        Syntax.Combine(folders.Home, ".rd", "bin"),
        Syntax.Combine(folders.Home, ".orbstack", "bin"),
        "/opt/podman/bin",
        "/Applications/Podman Desktop.app/Contents/Resources/bin",
    ];

    public string? DefaultDockerSocket => "/var/run/docker.sock";

    public IReadOnlyList<string> ExecutableNames(string engine) => [engine];
}
