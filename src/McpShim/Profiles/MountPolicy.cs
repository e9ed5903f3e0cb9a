using McpShim.Platform;

namespace McpShim.Profiles;

/// <summary>
/// Which host paths a profile may mount (seed 000: nothing beyond the project). A bind mount's real path (symlinks
/// and <c>..</c> resolved) must lie inside an allowed root, and must not be, contain or sit inside a sensitive path:
/// the engine's socket, <c>/</c>, <c>/etc</c>, <c>/proc</c>, <c>/sys</c>, <c>/root</c>, the home folder itself, and
/// <c>~/.ssh</c>, <c>~/.aws</c>, <c>~/.gnupg</c>, <c>~/.docker</c>, <c>~/.kube</c>, <c>~/.config/mcpshim</c>. A host
/// path listed under the profile's <c>unsafe</c> is allowed as is, with a warning each session.
/// </summary>
internal static class MountPolicy
{
    /// <summary>Refused when the mount is one of these or contains one (mounting <c>/var/run</c> exposes the socket).</summary>
    private static IEnumerable<string> RefusedWithAncestors(string home)
    {
        yield return "/";
        yield return home;
        foreach (var socket in EngineSockets(home))
            yield return socket;
    }

    /// <summary>Refused when the mount is one of these, contains one, or lies inside one.</summary>
    private static IEnumerable<string> RefusedTrees(string home, string configFolder)
    {
        yield return "/etc";
        yield return "/proc";
        yield return "/sys";
        // root's home; when it is your own home, its contents are yours to mount (home itself stays refused above).
        if (home != "/root")
            yield return "/root";
        foreach (var dot in (string[])[".ssh", ".aws", ".gnupg", ".docker", ".kube"])
            yield return Path.Combine(home, dot);
        yield return Path.Combine(home, ".config", "mcpshim");
        yield return ConfigPaths.ConfigFolder;
        yield return configFolder;
    }

    public static IEnumerable<string> EngineSockets(string home)
    {
        yield return "/var/run/docker.sock";
        yield return "/run/docker.sock";
        yield return "/run/podman/podman.sock";
        yield return "/var/run/podman/podman.sock";
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            yield return Path.Combine(runtime, "docker.sock");
            yield return Path.Combine(runtime, "podman", "podman.sock");
        }

        yield return Path.Combine(home, ".docker", "run", "docker.sock");
        yield return Path.Combine(home, ".docker", "desktop", "docker.sock");
        yield return Path.Combine(home, ".colima", "default", "docker.sock");
        yield return Path.Combine(home, ".rd", "docker.sock");
        yield return Path.Combine(home, ".orbstack", "run", "docker.sock");
    }

    /// <summary>
    /// Checks one bind mount; returns its real host path, or throws with what is wrong and the way out.
    /// <paramref name="unsafePaths"/> are real paths the profile allows explicitly.
    /// </summary>
    public static string Check(
        string hostPath,
        IReadOnlyList<string> allowedRoots,
        IReadOnlySet<string> unsafePaths,
        string configFolder,
        Func<string, ConfigException> error)
    {
        var real = RealPath.Of(hostPath)
            ?? throw error($"'{hostPath}' does not exist on this machine. Create it, or fix the path.");
        if (unsafePaths.Contains(real))
            return real;

        var via = real == hostPath ? string.Empty : $" (really '{real}')";
        if (Exposes(real, configFolder) is { } refused)
            throw error(Refusal(hostPath, via, refused));

        if (!allowedRoots.Any(root => RealPath.IsWithin(real, root)))
        {
            throw error(
                $"'{hostPath}'{via} is outside the allowed roots ({string.Join(", ", allowedRoots)}). " +
                "Mount a folder inside them, or add its parent to \"allowedRoots\" (in the file or the profile).");
        }

        return real;
    }

    /// <summary>
    /// The sensitive path that <paramref name="real"/> (a real path) is, contains or lies inside, or null when it
    /// exposes none: the same list for a bind mount and for what a sandboxed local server may read (issue 16).
    /// </summary>
    public static string? Exposes(string real, string configFolder)
    {
        var home = RealPath.OfOrFull(ConfigPaths.Home);
        foreach (var refused in RefusedWithAncestors(home).Select(RealPath.OfOrFull).Distinct())
        {
            if (RealPath.IsWithin(refused, real))
                return refused;
        }

        foreach (var refused in RefusedTrees(home, RealPath.OfOrFull(configFolder)).Select(RealPath.OfOrFull).Distinct())
        {
            if (RealPath.IsWithin(refused, real) || RealPath.IsWithin(real, refused))
                return refused;
        }

        return null;
    }

    private static string Refusal(string hostPath, string via, string refused) =>
        $"'{hostPath}'{via} would expose '{refused}', which mcpshim never mounts by default (engine sockets, system " +
        "folders, your home folder itself and its credential folders). Mount a project folder instead; if you really " +
        $"mean it, list \"{hostPath}\" under \"unsafe\" in the profile.";
}
