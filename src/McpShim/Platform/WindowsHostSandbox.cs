using McpShim.Profiles;
using McpShim.Sandbox;

namespace McpShim.Platform;

/// <summary>
/// Windows: mcpshim has no host sandbox there (README "Sandboxed host mode"), so a local profile must say
/// <c>"unsafe": ["unsandboxed"]</c> or run in a container.
/// </summary>
internal sealed class WindowsHostSandbox : IHostSandbox
{
    public SandboxSupport Support { get; } = new("none", "mcpshim has no host sandbox on Windows");

    public IEnumerable<SandboxPath> SystemPaths(bool network) => [];

    public SandboxLaunch Launch(SandboxPlan plan, IReadOnlyList<string> command, ResolvedLimits limits) =>
        throw new SandboxException(Support.Problem!);

    public SandboxLaunch? LaunchBeforePlan(IReadOnlyList<string> command, ResolvedLimits limits) => null;

    public byte[] Rules(SandboxPlan plan) => [];

    public IReadOnlyList<string> Gaps(SandboxPlan plan, ResolvedLimits limits) => [Support.Problem!];

    public IReadOnlyList<string> RefusedSystemCalls(SandboxNetwork network) => [];

    public int RunRole(string[] args) => SandboxRoles.Unknown(args[0]);
}
