using System.Runtime.InteropServices;

namespace McpShim.Sandbox.Linux;

/// <summary>
/// The Linux calls the sandbox needs and .NET does not expose: Landlock, seccomp, prctl, rlimits, openat2, execv.
/// Landlock and openat2 have no libc wrappers everywhere, so they go through syscall(2) by number (the same on
/// x86_64 and aarch64).
/// </summary>
internal static partial class LinuxKernel
{
    public const int LandlockCreateRuleset = 444;
    public const int LandlockAddRule = 445;
    public const int LandlockRestrictSelf = 446;
    public const int Openat2 = 437;
    public const int CloseRange = 436;
    public const int CloseRangeCloexec = 4;

    public const int PrSetNoNewPrivs = 38;
    public const int PrGetNoNewPrivs = 39;
    public const int PrGetSeccomp = 21;
    public const int PrSetSeccomp = 22;
    public const int SeccompModeFilter = 2;

    public const int OPath = 0x200000;
    public const int OCloexec = 0x80000;
    public const int ODirectory = 0x10000;
    public const int ONofollow = 0x20000;
    public const int AtFdCwd = -100;
    public const long ResolveNoSymlinks = 0x04;

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int EINVAL = 22;
    public const int ENOSYS = 38;
    public const int EOPNOTSUPP = 95;
    public const int ENOTDIR = 20;
    public const int ELOOP = 40;

    [LibraryImport("libc", SetLastError = true)]
    public static partial long syscall(long number, nint a1, nint a2, nint a3);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long syscall(long number, nint a1, nint a2, nint a3, nint a4);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, nint a2, nint a3, nint a4, nint a5);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setrlimit(int resource, in RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getppid();

    /// <summary>execv(3): replaces this process, keeping its environment; returns only on failure.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int execv(byte* path, byte** argv);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int connect(int fd, byte* address, int length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long ptrace(long request, int pid, nint address, nint data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int unshare(int flags);

    /// <summary>struct rlimit on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>The errno of the last failed call, as its symbolic name where it is one the sandbox expects.</summary>
    public static string ErrorName(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        EACCES => "EACCES",
        EINVAL => "EINVAL",
        ENOSYS => "ENOSYS",
        EOPNOTSUPP => "EOPNOTSUPP",
        ENOTDIR => "ENOTDIR",
        ELOOP => "ELOOP",
        111 => "ECONNREFUSED",
        97 => "EAFNOSUPPORT",
        _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
