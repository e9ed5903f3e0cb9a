using System.Globalization;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Sandbox;

namespace McpShim.Inspection;

/// <summary>
/// Works out a local profile's sandbox as a session would (the same planner, the same host sandbox), without starting
/// anything or making the scratch folder: <c>mcpshim show</c> prints the result.
/// </summary>
internal static class SandboxReporter
{
    public const string ScratchPlaceholder = "<session scratch folder>";

    public static (SandboxReport Report, PlannedCommand Command) Build(ResolvedProfile profile, IHostSandbox host)
    {
        var command = profile.Command!;
        if (!profile.Sandbox.Enabled)
        {
            return (new SandboxReport { Mechanism = $"off (\"unsafe\": [\"{UnsafeOptions.Unsandboxed}\"]): the server can read and write whatever your user can" },
                new PlannedCommand("run the server on this host (no container, no sandbox)", command));
        }

        var support = host.Support;
        var mechanism = support.LandlockAbi > 0 ? $"{support.Mechanism} (Landlock ABI {support.LandlockAbi})" : support.Mechanism;
        var plain = new PlannedCommand("run the server on this host, sandboxed", command);
        if (support.Problem is { } problem)
            return (new SandboxReport { Mechanism = mechanism, Problem = SandboxSession.Unavailable(profile, problem) }, plain);

        SandboxPlan plan;
        SandboxLaunch launch;
        try
        {
            var environment = profile.Env.ToList();
            plan = SandboxPlanner.Plan(profile, ScratchPlaceholder, host.SystemPaths,
                name => environment.LastOrDefault(e => e.Key == name) is { Key: not null } set ? set.Value : Environment.GetEnvironmentVariable(name));
            launch = host.Launch(plan, command, profile.Limits);
        }
        catch (SandboxException ex)
        {
            return (new SandboxReport { Mechanism = mechanism, Problem = $"a session would not start: the sandbox cannot be set up: {ex.Message}" }, plain);
        }

        var report = new SandboxReport
        {
            Mechanism = mechanism,
            Rules = plan.Rules.Paths.Select(p => (Access(p.Access), p.Path, p.Reason)).ToList(),
            Hidden = plan.Hidden,
            Network = Network(plan.Rules, support.LandlockAbi),
            SystemCalls = host.RefusedSystemCalls(plan.Rules.Network),
            Limits = Limits(profile.Limits, support, plan.Rules.MemoryBytes),
            NotEnforced = host.Gaps(plan, profile.Limits),
        };
        return (report, new PlannedCommand("run the server on this host, sandboxed (rules on the launcher's stdin)", [launch.FileName, .. launch.Arguments]));
    }

    public static string Access(SandboxAccess access) => access switch
    {
        SandboxAccess.ListOnly => "list",
        SandboxAccess.Read => "read",
        SandboxAccess.ReadExecute => "read+execute",
        SandboxAccess.Device => "read+write (device)",
        SandboxAccess.ReadWrite => "read+write",
        _ => access.ToString(),
    };

    private static string Network(SandboxRules rules, int abi) => rules.Network switch
    {
        SandboxNetwork.None => "none: no sockets (socketpair only)" + (abi >= 4 ? "; TCP bind and connect also denied by Landlock" : string.Empty),
        SandboxNetwork.Ports => $"TCP connect only to port(s) {string.Join(", ", rules.ConnectPorts)} (Landlock), no TCP bind; UDP (DNS) is not restricted; no Unix sockets",
        _ => "the host's network (AF_INET, AF_INET6, AF_NETLINK); no Unix sockets",
    };

    /// <summary>What holds the limits here; what does not is in <see cref="IHostSandbox.Gaps"/>.</summary>
    private static string Limits(ResolvedLimits limits, SandboxSupport support, long? memoryBytes)
    {
        var cpus = limits.Cpus.ToString("0.###", CultureInfo.InvariantCulture);
        if (support.UserScope)
            return $"a systemd user scope (memory {limits.Memory}, cpus {cpus}, pids {limits.Pids}), RLIMIT_DATA {memoryBytes} bytes per process, no core files";
        return support.LandlockAbi > 0 ? $"RLIMIT_DATA {memoryBytes} bytes per process ({limits.Memory}), no core files" : "none";
    }
}
