using System.Runtime.InteropServices;

namespace McpShim.Benchmarks.Measurements;

/// <summary>
/// CPU time (user + system) of every child process this benchmark has waited for, and of their waited-for children:
/// getrusage(RUSAGE_CHILDREN). Read around one cold start it is that session's CPU, mcpshim, launcher and server
/// together; unlike wall time it does not grow when other work crowds the machine.
/// </summary>
internal static class ChildrenCpu
{
    private const int RusageChildren = -1;

    /// <summary>µs so far, or null where getrusage is not there (Windows).</summary>
    public static double? Micros()
    {
        try
        {
            return getrusage(RusageChildren, out var usage) == 0
                ? ((usage.UserSeconds + usage.SystemSeconds) * 1_000_000.0) + usage.UserMicros + usage.SystemMicros
                : null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    /// <summary>struct rusage on 64-bit Linux and macOS: two timevals, then 14 longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        public long MaxRss;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long Minflt;
        public long Majflt;
        public long Nswap;
        public long Inblock;
        public long Oublock;
        public long Msgsnd;
        public long Msgrcv;
        public long Nsignals;
        public long Nvcsw;
        public long Nivcsw;
    }
}
