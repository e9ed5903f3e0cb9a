using McpShim.Profiles;
using McpShim.Sandbox.Linux;

namespace McpShim.Sandbox;

/// <summary>
/// Turns a local profile's words into the session's sandbox (issue 16): the system paths, the command's runtime,
/// <c>hostReadable</c>, each volume (read-only or read-write, minus its <c>.mcpignore</c> matches), the session's
/// private scratch folder (its HOME and TMPDIR), the network and the memory limit. Everything else on the host,
/// the rest of your home folder included, is out of reach.
/// </summary>
internal static class SandboxPlanner
{
    public const string ScratchReason = "scratch (the session's HOME and TMPDIR, removed when it ends)";

    /// <param name="systemPaths">What every server may use of this OS (<see cref="SystemPaths"/>), given whether it has a network.</param>
    /// <param name="environment">The server's environment variables as they will be (yours, then the profile's).</param>
    /// <param name="probe">A command to run in the server's sandbox instead of the server (<c>mcpshim test</c>'s probe).</param>
    public static SandboxPlan Plan(
        ResolvedProfile profile,
        string scratch,
        Func<bool, IEnumerable<SandboxPath>> systemPaths,
        Func<string, string?> environment,
        IReadOnlyList<string>? probe = null)
    {
        var command = profile.Command!;
        var network = profile.Network == "none" ? SandboxNetwork.None
            : profile.Sandbox.ConnectPorts.Count > 0 ? SandboxNetwork.Ports
            : SandboxNetwork.Open;
        var configFolder = Path.GetDirectoryName(profile.SecretsFile) ?? ConfigPaths.ConfigFolder;
        var (executable, runtime) = CommandRuntime.Derive(
            command, environment("PATH"), System.Environment.CurrentDirectory, ConfigPaths.Home, configFolder, environment("DOTNET_ROOT"));

        var paths = new List<SandboxPath>(systemPaths(network != SandboxNetwork.None));
        paths.AddRange(runtime);
        if (probe is not null)
        {
            (executable, var more) = CommandRuntime.Derive([probe[0]], null, System.Environment.CurrentDirectory, ConfigPaths.Home, configFolder, environment("DOTNET_ROOT"));
            paths.AddRange(more);
        }

        paths.AddRange(profile.Sandbox.HostReadable.Select(p => new SandboxPath { Path = p, Access = SandboxAccess.ReadExecute, Reason = "hostReadable" }));
        var hidden = new List<string>();
        foreach (var volume in profile.Volumes.Where(v => !v.Named))
        {
            var grants = VolumeGrants.For(volume.Host, volume.ReadOnly ? SandboxAccess.Read : SandboxAccess.ReadWrite);
            paths.AddRange(grants.Paths);
            hidden.AddRange(grants.Hidden.Select(h => Path.Combine(volume.Host, h)));
        }

        paths.Add(new SandboxPath { Path = scratch, Access = SandboxAccess.ReadWrite, Exact = true, Reason = ScratchReason });
        CheckHidden(hidden, paths);

        var rules = new SandboxRules
        {
            Executable = executable,
            Paths = Prune(paths),
            Network = network,
            ConnectPorts = [.. profile.Sandbox.ConnectPorts],
            MemoryBytes = MemorySize.Bytes(profile.Limits.Memory),
        };
        return new SandboxPlan(rules, scratch, hidden, Environment(profile, scratch));
    }

    /// <summary>What the sandbox adds to the server's environment: the scratch folder as HOME and TMPDIR, unless the profile's env sets them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(ResolvedProfile profile, string scratch) =>
        [.. ((string[])["HOME", "TMPDIR"]).Where(name => !profile.Env.Any(e => e.Key == name)).Select(name => new KeyValuePair<string, string>(name, scratch))];

    /// <summary>Drops rules another one already covers: an ancestor with at least its rights, or a stronger (or earlier equal) rule for the same path.</summary>
    private static List<SandboxPath> Prune(List<SandboxPath> paths)
    {
        var byPath = new Dictionary<string, List<(int Index, ulong Rights)>>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            if (!byPath.TryGetValue(paths[i].Path, out var list))
                byPath[paths[i].Path] = list = [];
            list.Add((i, LandlockRights.For(paths[i].Access)));
        }

        bool Covers(string at, ulong rights) => byPath.TryGetValue(at, out var rules) && rules.Any(r => (r.Rights & rights) == rights);

        var kept = new List<SandboxPath>();
        for (var i = 0; i < paths.Count; i++)
        {
            var rights = LandlockRights.For(paths[i].Access);
            if (Ancestors(paths[i].Path).Any(a => Covers(a, rights)))
                continue;
            var index = i;
            if (byPath[paths[i].Path].Any(r => r.Index != index && (r.Rights & rights) == rights && (r.Rights != rights || r.Index < index)))
                continue;
            kept.Add(paths[i]);
        }

        return kept;
    }

    /// <summary>
    /// An entry <c>.mcpignore</c> hides must stay unreadable: a runtime folder or <c>hostReadable</c> path that covers
    /// it would undo that (Landlock rights add up), so that plan is refused rather than run.
    /// </summary>
    private static void CheckHidden(List<string> hidden, List<SandboxPath> paths)
    {
        if (hidden.Count == 0)
            return;
        var readable = paths.Where(p => (LandlockRights.For(p.Access) & LandlockRights.ReadFile) != 0)
            .GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var entry in hidden)
        {
            foreach (var ancestor in Ancestors(entry).Prepend(entry))
            {
                if (readable.TryGetValue(ancestor, out var rule))
                {
                    throw new SandboxException(
                        $"'{entry}' is hidden by .mcpignore, but the sandbox would let the server read '{rule.Path}' ({rule.Reason}), which holds it. " +
                        "Move the server's program or that hostReadable path out of the volume, or narrow the volume.");
                }
            }
        }
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var parent = Path.GetDirectoryName(path); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            yield return parent;
    }
}
