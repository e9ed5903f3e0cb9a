using System.Runtime.InteropServices;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A test of mode local's host sandbox (issue 16): it needs Linux with Landlock, node and python3, and the reference
/// servers in tests/clients (npm ci). Elsewhere it is skipped with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class HostSandboxFactAttribute : FactAttribute
{
    public HostSandboxFactAttribute()
    {
        if (WhyUnavailable is { } reason)
            Skip = reason;
    }

    public static string? WhyUnavailable { get; } = Check();

    private static string? Check()
    {
        if (!OperatingSystem.IsLinux())
            return "the host sandbox under test is Linux's (Landlock and seccomp); macOS's Seatbelt profile is unit-tested as text";
        if (syscall(444, 0, 0, 1) < 1)
            return "this kernel offers no Landlock";
        return ReferenceServers.WhyMissing;
    }

    // landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION): the ABI, or an error without Landlock.
    [DllImport("libc")]
    private static extern long syscall(long number, nint a1, nint a2, nint a3);
}
