using McpShim.Profiles;

namespace McpShim.Cli;

/// <summary><c>mcpshim list</c>: every profile, how it runs, and where it came from.</summary>
internal static class ListCommand
{
    private static readonly string[] Header = ["PROFILE", "MODE", "RISK", "IMAGE / COMMAND", "SOURCE"];

    public static int Run(string? configFile, TextWriter output, TextWriter error)
    {
        ProfileCatalog catalog;
        try
        {
            catalog = ProfileCatalog.Load(configFile);
        }
        catch (ConfigException ex)
        {
            error.WriteLine("mcpshim: error: " + ex.Message);
            return ExitCodes.Config;
        }

        var rows = new List<string[]> { Header };
        foreach (var entry in catalog.Entries.Values)
        {
            var spec = entry.Spec;
            var mode = (spec.Mode ?? ProfileMode.Run).Name();
            var what = spec.Image ?? string.Join(' ', spec.Command ?? []);
            var risk = (spec.Risk ?? RiskLevel.Low).ToString().ToLowerInvariant();
            rows.Add([entry.Name, mode, risk, what, entry.Source]);
        }

        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());

        output.WriteLine();
        output.WriteLine($"profiles file: {catalog.File}{(catalog.FileExists ? string.Empty : " (not present; built-in profiles only)")}");
        output.WriteLine($"audit file:    {ProfileResolver.ResolveAuditPath(catalog)}");
        return ExitCodes.Ok;
    }
}
