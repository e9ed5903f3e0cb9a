namespace McpShim.Platform;

/// <summary>
/// Finds the container engine CLI the way a terminal would, and then where GUI-launched clients cannot: an MCP client
/// started from the Dock or Start menu gets a minimal PATH (launchd's <c>/usr/bin:/bin:/usr/sbin:/sbin</c> on macOS),
/// so <c>docker</c> is "not found" although it works in a shell. Order: an absolute path as given; each PATH entry;
/// then this OS's well-known install places (<see cref="IEngineSearchPaths"/>).
/// </summary>
internal static class EngineLocator
{
    public const string EngineEnv = "MCPSHIM_ENGINE";

    public static EngineLocation Locate(string engine, IEngineSearchPaths search, IHostEnvironment host)
    {
        var tried = new List<string>();
        if (IsPath(engine))
        {
            tried.Add(engine);
            return new EngineLocation(host.FileExists(engine) ? engine : null, tried);
        }

        var names = search.ExecutableNames(engine);
        var folders = (host.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(search.Syntax.ListSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(search.WellKnownFolders);
        foreach (var folder in folders.Distinct(search.Syntax.Paths))
        {
            foreach (var name in names)
            {
                var candidate = search.Syntax.Combine(folder, name);
                tried.Add(candidate);
                if (host.FileExists(candidate))
                    return new EngineLocation(candidate, tried);
            }
        }

        return new EngineLocation(null, tried);
    }

    private static bool IsPath(string engine) =>
        engine.Contains('/') || engine.Contains('\\');
}
