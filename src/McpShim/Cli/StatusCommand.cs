using McpShim.Containers;
using McpShim.Inspection;
using McpShim.Platform;

namespace McpShim.Cli;

/// <summary><c>mcpshim status</c> (issue 6): one row per container mcpshim manages, found by its label.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var engine = Environment.GetEnvironmentVariable(EngineLocator.EngineEnv) is { Length: > 0 } fromEnv ? fromEnv : "docker";
        try
        {
            var rows = await StatusCollector.CollectAsync(new EngineCli(engine), cancellationToken);
            StatusTable.Write(rows, DateTimeOffset.UtcNow, TerminalColour.ForStandardOutput(), output);
            return ExitCodes.Ok;
        }
        catch (StartupException ex)
        {
            await error.WriteLineAsync("mcpshim: error: " + ex.Message);
            return ExitCodes.Unavailable;
        }
    }
}
