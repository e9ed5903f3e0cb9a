using McpShim.Containers;
using McpShim.Inspection;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim status</c> (issue 6): one row per container mcpshim manages, found by its label; one table per engine
/// when profiles use remote engines.
/// </summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(string? configFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var targets = EngineTargets.From(configFile);
        var exitCode = ExitCodes.Ok;
        foreach (var target in targets)
        {
            if (targets.Count > 1)
                await output.WriteLineAsync((target == targets[0] ? string.Empty : "\n") + target.Heading);
            try
            {
                var rows = await StatusCollector.CollectAsync(target.Cli, cancellationToken);
                StatusTable.Write(rows, DateTimeOffset.UtcNow, TerminalColour.ForStandardOutput(), output);
            }
            catch (StartupException ex)
            {
                await error.WriteLineAsync($"mcpshim: error: {(target.IsRemote ? target.Heading + ": " : string.Empty)}{ex.Message}");
                exitCode = ExitCodes.Unavailable;
            }
        }

        return exitCode;
    }
}
