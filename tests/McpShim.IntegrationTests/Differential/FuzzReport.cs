namespace McpShim.IntegrationTests.Differential;

/// <summary>What a fuzz run found: every broken invariant, and what it measured.</summary>
internal sealed record FuzzReport(
    long Frames, int Seed, IReadOnlyList<string> Violations, long ClientBytes, long ServerBytes, int ServerMessages,
    int ToolCallsRun, int StdoutFrames, int Refusals, long PeakRssBytes, TimeSpan Duration, int ExitCode)
{
    public bool Passed => Violations.Count == 0;

    public override string ToString() =>
        $"fuzz: {Frames} frames (seed {Seed}) in {Duration.TotalSeconds:F1} s: {ClientBytes / 1024} KiB sent, {ServerBytes / 1024} KiB reached " +
        $"the server as {ServerMessages} messages ({ToolCallsRun} tool calls run), {StdoutFrames} frames back, {Refusals} refused; " +
        $"peak RSS {PeakRssBytes / (1024 * 1024)} MiB; exit code {ExitCode}" +
        (Passed ? "; no invariant broken" : $"\n{Violations.Count} violations:\n- " + string.Join("\n- ", Violations.Take(20)));
}
