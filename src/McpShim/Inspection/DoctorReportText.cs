namespace McpShim.Inspection;

/// <summary><c>mcpshim doctor</c>'s output: one line per check, its fix on the same line, then a summary.</summary>
internal static class DoctorReportText
{
    public static void Write(IReadOnlyList<DoctorCheck> checks, TextWriter output)
    {
        var nameWidth = checks.Count == 0 ? 0 : checks.Max(c => c.Name.Length);
        foreach (var check in checks)
        {
            var mark = check.Outcome switch
            {
                CheckOutcome.Ok => "ok  ",
                CheckOutcome.Warn => "warn",
                _ => "FAIL",
            };
            // Many messages mcpshim raises already end in their own "Fix: ..."; one is enough.
            var fix = check.Fix is { Length: > 0 } f && check.Outcome != CheckOutcome.Ok && !check.Detail.Contains("Fix:", StringComparison.Ordinal)
                ? $"{(check.Detail.EndsWith('.') ? string.Empty : ".")} Fix: {f}"
                : string.Empty;
            output.WriteLine($"{mark}  {check.Name.PadRight(nameWidth)}  {check.Detail}{fix}");
        }

        var failed = checks.Count(c => c.Outcome == CheckOutcome.Fail);
        var warned = checks.Count(c => c.Outcome == CheckOutcome.Warn);
        output.WriteLine();
        output.WriteLine(failed == 0
            ? $"all {checks.Count} checks passed{(warned > 0 ? $" ({warned} with a warning)" : string.Empty)}."
            : $"{failed} of {checks.Count} checks failed{(warned > 0 ? $", {warned} warned" : string.Empty)}.");
    }
}
