using System.Runtime.InteropServices;

namespace McpShim.Benchmarks.Reporting;

/// <summary>What the numbers were measured on.</summary>
internal static class MachineInfo
{
    public static IEnumerable<(string Name, string Value)> Describe()
    {
        yield return ("cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("cpu", CpuModel());
        yield return ("kernel", ReadFirstLine("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription);
        yield return ("os", RuntimeInformation.OSDescription);
        yield return ("dotnet", RuntimeInformation.FrameworkDescription);
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault()?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
