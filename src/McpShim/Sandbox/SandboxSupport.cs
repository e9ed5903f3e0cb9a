namespace McpShim.Sandbox;

/// <summary>
/// What this host can enforce for a sandboxed local server, probed once: the mechanism (Landlock and seccomp,
/// Seatbelt, or none), the Landlock ABI, whether a systemd user scope can hold the limits, and, when the host
/// cannot sandbox at all, <see cref="Problem"/> naming what is missing and how to get it.
/// </summary>
/// <param name="CanProbe">Whether <c>mcpshim test</c> can run <see cref="SandboxProbe"/> inside this host's sandbox.</param>
internal sealed record SandboxSupport(
    string Mechanism, string? Problem, int LandlockAbi = 0, bool Seccomp = false, bool UserScope = false, string? UserScopeProblem = null, bool CanProbe = false)
{
    public bool CanSandbox => Problem is null;
}
