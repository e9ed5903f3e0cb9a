using McpShim.Profiles;
using McpShim.Sandbox;

namespace McpShim.Platform;

/// <summary>
/// How this OS runs a local server sandboxed (issue 16): Landlock, seccomp and rlimits through mcpshim's own launcher
/// on Linux; a Seatbelt profile through sandbox-exec on macOS; nothing on Windows, where the profile must say
/// <c>"unsafe": ["unsandboxed"]</c>.
/// </summary>
internal interface IHostSandbox
{
    /// <summary>What the host can enforce, probed once; <see cref="SandboxSupport.Problem"/> when it cannot sandbox.</summary>
    SandboxSupport Support { get; }

    /// <summary>What every sandboxed server may use of this OS; name resolution files only with a network.</summary>
    IEnumerable<SandboxPath> SystemPaths(bool network);

    /// <summary>The process that runs <paramref name="command"/> inside <paramref name="plan"/>.</summary>
    SandboxLaunch Launch(SandboxPlan plan, IReadOnlyList<string> command, ResolvedLimits limits);

    /// <summary>
    /// The launcher to start before the plan is made, where it reads the rules on its stdin once they are ready (Linux):
    /// a session starts it first and plans meanwhile, so the two overlap (issue 16's start-up budget). It runs nothing
    /// until <see cref="Rules"/> arrive. Null where the rules must be on the command line (macOS) or there is no sandbox.
    /// </summary>
    SandboxLaunch? LaunchBeforePlan(IReadOnlyList<string> command, ResolvedLimits limits);

    /// <summary>What a launcher from <see cref="LaunchBeforePlan"/> reads on its stdin for <paramref name="plan"/>.</summary>
    byte[] Rules(SandboxPlan plan);

    /// <summary>What the sandbox cannot enforce here for this plan (one line each; empty when everything holds).</summary>
    IReadOnlyList<string> Gaps(SandboxPlan plan, ResolvedLimits limits);

    /// <summary>The system calls the sandbox refuses, in words, for <c>mcpshim show</c>; empty where none are filtered.</summary>
    IReadOnlyList<string> RefusedSystemCalls(SandboxNetwork network);

    /// <summary>Runs one of mcpshim's hidden sandbox roles (<see cref="SandboxRoles"/>); returns the exit code.</summary>
    int RunRole(string[] args);
}
