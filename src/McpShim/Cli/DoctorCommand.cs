using McpShim.Inspection;

namespace McpShim.Cli;

/// <summary><c>mcpshim doctor</c> (issue 6): one line per check with its fix; exit code 1 when any check failed.</summary>
internal static class DoctorCommand
{
    public static async Task<int> RunAsync(string? configFile, TextWriter output, CancellationToken cancellationToken)
    {
        var checks = await DoctorChecks.RunAsync(configFile, cancellationToken);
        DoctorReportText.Write(checks, output);
        return checks.Any(c => c.Outcome == CheckOutcome.Fail) ? ExitCodes.Failure : ExitCodes.Ok;
    }
}
