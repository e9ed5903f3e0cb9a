using System.Globalization;

namespace McpShim.Benchmarks.Reporting;

/// <summary>
/// The share of CPU time the hypervisor gave to other guests ("steal", /proc/stat) between two moments. On a busy
/// host a VM's runs differ by it; a high share during a table says its ratios came from a contended machine.
/// </summary>
internal sealed class CpuSteal
{
    private readonly long _steal;
    private readonly long _total;

    private CpuSteal(long steal, long total) => (_steal, _total) = (steal, total);

    /// <summary>Now; null where /proc/stat is not there (not Linux) or has no steal column.</summary>
    public static CpuSteal? Now()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already in user.
            return fields is { Length: >= 8 } ? new CpuSteal(fields[7], fields.Take(8).Sum()) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>A note for a table: the steal share since this snapshot, or null when it cannot be read.</summary>
    public string? NoteSince()
    {
        if (Now() is not { } now || now._total <= _total)
            return null;
        var share = (double)(now._steal - _steal) / (now._total - _total);
        return $"CPU steal during these measurements: {Format.Percent(share)} of the machine's CPU time went to other guests of the host" +
            (share >= 0.02 ? " (a contended host: runs differ more than usual)" : string.Empty);
    }
}
