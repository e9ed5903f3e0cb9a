using System.Text;

namespace McpShim.Benchmarks.Reporting;

/// <summary>The whole printout: where it ran, with what, then one table per comparison.</summary>
internal static class Report
{
    public static string Render(BenchmarkOptions options, string fakeServer, string? mcpshim, IEnumerable<ResultTable> tables)
    {
        var text = new StringBuilder();
        text.AppendLine(options.Markdown ? "## mcpshim benchmark" : "mcpshim benchmark");
        text.AppendLine();
        var facts = MachineInfo.Describe().ToList();
        facts.Add(("run", $"{(options.Quick ? "quick (--quick: few iterations, noisy)" : "full")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        facts.Add(("mcpshim", mcpshim is null ? "not found" : $"{mcpshim} ({Version(mcpshim)})"));
        facts.Add(("fake server", fakeServer));
        var width = facts.Max(f => f.Name.Length);
        foreach (var (name, value) in facts)
            text.AppendLine(options.Markdown ? $"- {name}: {value}" : $"  {name.PadRight(width)}  {value}");
        text.AppendLine();
        foreach (var table in tables)
            text.AppendLine(table.Render(options.Markdown));
        return text.ToString().TrimEnd();
    }

    private static string Version(string mcpshim)
    {
        var (exitCode, stdout, _) = CommandLine.Run(mcpshim, "--version");
        return exitCode == 0 && stdout.Length > 0 ? stdout.Split('\n')[0] : "--version failed";
    }
}
