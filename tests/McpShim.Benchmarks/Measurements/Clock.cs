using System.Diagnostics;

namespace McpShim.Benchmarks.Measurements;

internal static class Clock
{
    public static double MicrosecondsSince(long start) =>
        (Stopwatch.GetTimestamp() - start) * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>Wall-clock µs since the Unix epoch, comparable with the fake server's --record file.</summary>
    public static long WallMicroseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
}
