namespace McpShim.Tests.Support;

/// <summary>
/// A fact about a sandboxed local server run for real: Linux's Landlock and seccomp sandbox (issue 16). Elsewhere it
/// is skipped: macOS's Seatbelt profile is checked as text, and Windows has no host sandbox.
/// </summary>
public sealed class HostSandboxFactAttribute : FactAttribute
{
    public HostSandboxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
            Skip = "runs a server in Linux's host sandbox; SeatbeltProfileSpecs covers macOS's as text";
    }
}
