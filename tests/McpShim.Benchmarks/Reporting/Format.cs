using System.Globalization;

namespace McpShim.Benchmarks.Reporting;

/// <summary>Numbers as the tables show them (invariant culture, units attached).</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Micros(double us) =>
        us >= 10_000 ? Millis(us) : us.ToString(us < 100 ? "0.0" : "0", Invariant) + " µs";

    public static string Millis(double us) => (us / 1000).ToString(us < 10_000 ? "0.00" : "0.0", Invariant) + " ms";

    public static string SignedMicros(double us) => (us >= 0 ? "+" : "") + Micros(us);

    public static string SignedMillis(double us) => (us >= 0 ? "+" : "") + Millis(us);

    public static string Rate(double perSecond) => perSecond.ToString("#,0", Invariant) + " msg/s";

    public static string MiBPerSecond(double value) => value.ToString("0", Invariant) + " MiB/s";

    public static string MiB(double value) => value.ToString("0.0", Invariant) + " MiB";

    public static string Percent(double ratio) => (ratio * 100).ToString("0", Invariant) + "%";

    public static string SignedPercent(double ratio) => (ratio >= 0 ? "+" : "") + (ratio * 100).ToString("0.0", Invariant) + "%";
}
