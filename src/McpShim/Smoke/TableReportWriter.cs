using System.Globalization;

namespace McpShim.Smoke;

/// <summary>
/// The human report on stdout: one aligned row per check, the failures again in full below the table, then a summary
/// line. Details are cut to <see cref="DetailChars"/> in the table; the JSON and JUnit reports keep them whole.
/// </summary>
internal static class TableReportWriter
{
    public const int DetailChars = 100;

    private static readonly string[] Header = ["PROFILE", "PHASE", "CHECK", "RESULT", "MS", "DETAIL"];

    public static void Write(SmokeReport report, TextWriter output)
    {
        var rows = new List<string[]> { Header };
        foreach (var profile in report.Profiles)
        {
            foreach (var check in profile.Checks)
            {
                rows.Add([
                    profile.Profile,
                    check.Phase,
                    check.Name,
                    Result(check.Status),
                    check.DurationMs is { } ms ? ms.ToString("0", CultureInfo.InvariantCulture) : "-",
                    Cut(check.Detail ?? string.Empty),
                ]);
            }
        }

        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i switch
            {
                4 => cell.PadLeft(widths[i]), // milliseconds right-aligned
                _ when i == row.Length - 1 => cell,
                _ => cell.PadRight(widths[i]),
            });
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }

        var failures = report.Profiles.SelectMany(p => p.Checks.Where(c => c.Status == CheckStatus.Fail).Select(c => (p.Profile, Check: c))).ToList();
        if (failures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Failures:");
            foreach (var (profile, check) in failures)
                output.WriteLine($"  {profile} / {check.Phase} / {check.Name}: {Printable(check.Detail ?? string.Empty)}");
        }

        output.WriteLine();
        output.WriteLine(Summary(report));
    }

    public static string Summary(SmokeReport report)
    {
        var failed = report.Profiles.Where(p => p.Failed).Select(p => p.Profile).ToList();
        var seconds = (report.DurationMs / 1000).ToString("0.0", CultureInfo.InvariantCulture);
        var counts = $"{report.Profiles.Count} profile{(report.Profiles.Count == 1 ? string.Empty : "s")}, " +
                     $"{report.Passed + report.Failures + report.Skipped} checks: {report.Passed} passed, {report.Failures} failed, {report.Skipped} skipped in {seconds} s";
        if (report.Interrupted)
            return $"INTERRUPTED: {counts}";
        return failed.Count == 0 ? $"PASSED: {counts}" : $"FAILED ({string.Join(", ", failed)}): {counts}";
    }

    private static string Result(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "FAIL",
        _ => "skip",
    };

    private static string Cut(string text)
    {
        var flat = Printable(text);
        return flat.Length > DetailChars ? flat[..(DetailChars - 1)] + "…" : flat;
    }

    /// <summary>One line, control and bidi characters escaped: a server's text must not move the terminal's cursor or ring its bell.</summary>
    private static string Printable(string text) => Logging.SafeText.Escape(text.ReplaceLineEndings(" "));
}
