namespace McpShim.Platform;

/// <summary>Windows: Docker Desktop's <c>resources\bin</c>, Podman's installer, Rancher Desktop; <c>.exe</c> first.</summary>
internal sealed class WindowsEngineSearchPaths(IHostEnvironment host, IShimFolders folders) : IEngineSearchPaths
{
    public PathSyntax Syntax => PathSyntax.Windows;

    public IEnumerable<string> WellKnownFolders
    {
        get
        {
            var programFiles = host.GetEnvironmentVariable("ProgramFiles") is { Length: > 0 } pf ? pf : @"C:\Program Files";
            return
            [
                Syntax.Combine(programFiles, "Docker", "Docker", "resources", "bin"),
                Syntax.Combine(programFiles, "RedHat", "Podman"),
                Syntax.Combine(folders.Home, ".rd", "bin"),
            ];
        }
    }

    public string? DefaultDockerSocket => null;

    public IReadOnlyList<string> ExecutableNames(string engine) =>
        engine.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? [engine] : [engine + ".exe", engine];
}
