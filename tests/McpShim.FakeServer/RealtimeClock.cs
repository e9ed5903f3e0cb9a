namespace McpShim.FakeServer;

/// <summary>Wall-clock microseconds since the Unix epoch (clock_gettime(CLOCK_REALTIME)), comparable across processes.</summary>
internal static class RealtimeClock
{
    public static long NowMicroseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
}
