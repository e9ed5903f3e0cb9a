namespace McpShim.Platform;

/// <summary>
/// Finds the container engine CLI the way a terminal would, and then where GUI-launched clients cannot: an MCP client
/// started from the Dock or Start menu gets a minimal PATH (launchd's <c>/usr/bin:/bin:/usr/sbin:/sbin</c> on macOS),
/// so <c>docker</c> is "not found" although it works in a shell. Order: an absolute path as given; each PATH entry;
/// then the well-known install places of Docker Desktop, Homebrew, Rancher Desktop, OrbStack, Podman and snap.
/// </summary>
internal static class EngineLocator
{
    public const string EngineEnv = "MCPSHIM_ENGINE";

    public static EngineLocation Locate(string engine, HostFacts host)
    {
        var tried = new List<string>();
        if (IsPath(engine))
        {
            tried.Add(engine);
            return new EngineLocation(host.FileExists(engine) ? engine : null, tried);
        }

        var names = host.Os == OsKind.Windows && !engine.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            ? new[] { engine + ".exe", engine }
            : new[] { engine };
        var folders = (host.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(host.PathListSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(WellKnownFolders(host));
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            foreach (var name in names)
            {
                var candidate = host.Combine(folder, name);
                tried.Add(candidate);
                if (host.FileExists(candidate))
                    return new EngineLocation(candidate, tried);
            }
        }

        return new EngineLocation(null, tried);
    }

    /// <summary>Where engines install themselves outside a login shell's PATH, per OS (documented in the README).</summary>
    public static IEnumerable<string> WellKnownFolders(HostFacts host)
    {
        var home = host.Home;
        switch (host.Os)
        {
            case OsKind.MacOS:
                yield return "/opt/homebrew/bin";
                yield return "/usr/local/bin";
                yield return host.Combine(home, ".docker", "bin");
                yield return "/Applications/Docker.app/Contents/Resources/bin";
                yield return host.Combine(home, ".rd", "bin");
                yield return host.Combine(home, ".orbstack", "bin");
                yield return "/opt/podman/bin";
                yield return "/Applications/Podman Desktop.app/Contents/Resources/bin";
                break;
            case OsKind.Windows:
                var programFiles = host.GetEnvironmentVariable("ProgramFiles") is { Length: > 0 } pf ? pf : @"C:\Program Files";
                yield return host.Combine(programFiles, "Docker", "Docker", "resources", "bin");
                yield return host.Combine(programFiles, "RedHat", "Podman");
                yield return host.Combine(home, ".rd", "bin");
                break;
            default:
                yield return "/usr/bin";
                yield return "/usr/local/bin";
                yield return host.Combine(home, ".docker", "bin");
                yield return "/snap/bin";
                break;
        }
    }

    private static bool IsPath(string engine) =>
        engine.Contains('/') || engine.Contains('\\');
}
