namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// The signal a test sends for "the user pressed Ctrl-C". A shell without job control starts background commands
/// (<c>bash .ci/run &amp;</c>, <c>nohup</c>) with SIGINT ignored, and every child inherits that; .NET then leaves
/// SIGINT ignored too, as a program should under nohup. There the test sends SIGTERM, which mcpshim handles the same way.
/// </summary>
internal static class InterruptSignal
{
    public static string Name => SigIntIgnoredHere() ? "-TERM" : "-INT";

    private static bool SigIntIgnoredHere()
    {
        const int SigInt = 2;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, null, out var ignored)
            && (ignored & (1UL << (SigInt - 1))) != 0;
    }
}
