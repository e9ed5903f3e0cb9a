namespace McpShim.Platform;

/// <summary>Linux: distribution packages, manual installs, Docker's rootless/desktop CLI folder, snap.</summary>
internal sealed class LinuxEngineSearchPaths(IShimFolders folders) : IEngineSearchPaths
{
    public PathSyntax Syntax => PathSyntax.Unix;

    public IEnumerable<string> WellKnownFolders =>
    [
        "/usr/bin",
        "/usr/local/bin",
        Syntax.Combine(folders.Home, ".docker", "bin"),
        "/snap/bin",
    ];

    public string? DefaultDockerSocket => "/var/run/docker.sock";

    public IReadOnlyList<string> ExecutableNames(string engine) => [engine];
}
