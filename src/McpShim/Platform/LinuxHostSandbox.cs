using System.Globalization;
using McpShim.Profiles;
using McpShim.Sandbox;
using McpShim.Sandbox.Linux;

namespace McpShim.Platform;

/// <summary>
/// Linux: <c>mcpshim-sandbox __sandbox-exec</c> (or mcpshim itself in that role, <see cref="ShimExecutable.Launcher"/>) applies rlimits, no_new_privs, Landlock (the
/// newest ABI the kernel has, 1 at least) and a seccomp filter, then executes the server; inside a systemd user scope
/// for memory, CPU and process limits where one can be had. Unprivileged, no daemon, nothing to install.
/// </summary>
/// <param name="table">The seccomp syscall numbers of this processor, or null when mcpshim has none for it.</param>
/// <param name="architecture">This processor, for messages.</param>
internal sealed class LinuxHostSandbox(IHostEnvironment host, SyscallTable? table, string architecture) : IHostSandbox
{
    private readonly Lazy<SandboxSupport> _support = new(() => Probe(host, table, architecture));

    public SandboxSupport Support => _support.Value;

    public IEnumerable<SandboxPath> SystemPaths(bool network) =>
        Sandbox.SystemPaths.ForLinux(network, p => File.Exists(p) || Directory.Exists(p));

    public SandboxLaunch Launch(SandboxPlan plan, IReadOnlyList<string> command, ResolvedLimits limits) =>
        LaunchBeforePlan(command, limits) with { StdinPrefix = Rules(plan) };

    public SandboxLaunch LaunchBeforePlan(IReadOnlyList<string> command, ResolvedLimits limits)
    {
        var launcher = ShimExecutable.Launcher(host.GetEnvironmentVariable)
            ?? throw new SandboxException("mcpshim cannot find its own executable to start the sandbox launcher from");
        var words = new List<string>();
        if (Support.UserScope && UserScope.Detect(host.GetEnvironmentVariable).SystemdRun is { } systemdRun)
            words.AddRange(UserScope.Prefix(systemdRun, limits));
        words.AddRange([launcher, SandboxExec.Role, "--", .. command]);
        return new SandboxLaunch(words[0], words[1..], []);
    }

    public byte[] Rules(SandboxPlan plan) => SandboxProgramChannel.Encode(SandboxProgram.Compile(
        plan.Rules, Support.LandlockAbi, table ?? throw new SandboxException("the seccomp filter has no syscall table for this processor (only x86_64 and aarch64)")));

    public IReadOnlyList<string> Gaps(SandboxPlan plan, ResolvedLimits limits)
    {
        var gaps = new List<string>();
        var abi = Support.LandlockAbi;
        if (abi < 2)
            gaps.Add("files cannot be moved or linked between folders, even inside a read-write volume (Landlock ABI 2 adds that)");
        if (abi < 5)
            gaps.Add("ioctl on device files is not restricted (Landlock ABI 5)");
        if (abi < 6)
            gaps.Add("the server can send signals to your other processes (Landlock ABI 6 scopes them)");
        if (!Support.UserScope)
        {
            gaps.Add($"limits: memory {limits.Memory} only per process (RLIMIT_DATA), cpus {limits.Cpus.ToString("0.###", CultureInfo.InvariantCulture)} " +
                     $"and pids {limits.Pids.ToString(CultureInfo.InvariantCulture)} not at all, because {Support.UserScopeProblem}");
        }

        return gaps;
    }

    public IReadOnlyList<string> RefusedSystemCalls(SandboxNetwork network) =>
        table is null ? [] : SeccompFilter.Describe(table, network, Support.LandlockAbi < 3);

    public int RunRole(string[] args) => args[0] switch
    {
        SandboxExec.Role => SandboxExec.Run(args),
        SandboxProbe.Role => SandboxProbe.Run(args),
        _ => SandboxRoles.Unknown(args[0]),
    };

    private static SandboxSupport Probe(IHostEnvironment host, SyscallTable? table, string architecture)
    {
        const string mechanism = "Landlock + seccomp";
        var abi = Landlock.Abi();
        var seccomp = SeccompAvailable();
        var (systemdRun, scopeProblem) = UserScope.Detect(host.GetEnvironmentVariable);
        string? problem = null;
        if (abi < 1)
        {
            problem = "this kernel offers no Landlock (it needs Linux 5.13 or later built with CONFIG_SECURITY_LANDLOCK=y, " +
                      "and 'landlock' in the lsm= boot parameter; check /sys/kernel/security/lsm)";
        }
        else if (!seccomp)
        {
            problem = "this kernel offers no seccomp filters (CONFIG_SECCOMP_FILTER)";
        }
        else if (table is null)
        {
            problem = $"mcpshim has no seccomp syscall table for {architecture} (only x86_64 and aarch64)";
        }

        return new SandboxSupport(mechanism, problem, abi, seccomp, systemdRun is not null, scopeProblem, CanProbe: true);
    }

    private static bool SeccompAvailable()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/seccomp/actions_avail").Contains("errno", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return LinuxKernel.prctl(LinuxKernel.PrGetSeccomp, 0, 0, 0, 0) >= 0;
        }
    }
}
