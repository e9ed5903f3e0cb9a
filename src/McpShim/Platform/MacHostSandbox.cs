using McpShim.Profiles;
using McpShim.Sandbox;
using McpShim.Sandbox.Mac;

namespace McpShim.Platform;

/// <summary>
/// macOS: the plan becomes a Seatbelt profile run through <c>/usr/bin/sandbox-exec -p</c> (deprecated by Apple, but
/// shipped and used by the major sandboxing tools). No rlimits or scope: the limits are named as not enforced.
/// </summary>
internal sealed class MacHostSandbox(IHostEnvironment host) : IHostSandbox
{
    public const string SandboxExec = "/usr/bin/sandbox-exec";

    public SandboxSupport Support => host.FileExists(SandboxExec)
        ? new SandboxSupport("Seatbelt (sandbox-exec)", null)
        : new SandboxSupport("Seatbelt (sandbox-exec)", $"{SandboxExec} is missing");

    public IEnumerable<SandboxPath> SystemPaths(bool network) =>
        Sandbox.SystemPaths.ForMacOS(network, p => host.FileExists(p) || host.DirectoryExists(p));

    public SandboxLaunch Launch(SandboxPlan plan, IReadOnlyList<string> command, ResolvedLimits limits) =>
        new(SandboxExec, ["-p", SeatbeltProfile.Generate(plan), plan.Rules.Executable, .. command.Skip(1)], []);

    public SandboxLaunch? LaunchBeforePlan(IReadOnlyList<string> command, ResolvedLimits limits) => null;

    public byte[] Rules(SandboxPlan plan) => [];

    public IReadOnlyList<string> Gaps(SandboxPlan plan, ResolvedLimits limits) =>
        [$"limits: memory {limits.Memory}, cpus and pids are not enforced on macOS (Seatbelt has no resource limits)"];

    public IReadOnlyList<string> RefusedSystemCalls(SandboxNetwork network) => [];

    public int RunRole(string[] args) => SandboxRoles.Unknown(args[0]);
}
