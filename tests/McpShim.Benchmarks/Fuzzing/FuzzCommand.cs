using McpShim.IntegrationTests.Differential;

namespace McpShim.Benchmarks.Fuzzing;

/// <summary>
/// <c>mcpshim-bench fuzz</c>: runs the integration tests' fuzzer (tests/McpShim.IntegrationTests/Differential, compiled
/// in here) round after round against the published binary and prints one line per round. Exits 1 when an invariant broke.
/// </summary>
internal static class FuzzCommand
{
    public static async Task<int> RunAsync(FuzzCommandOptions options, RepoLayout layout)
    {
        var mcpshim = layout.McpShim(out var missing) ?? throw new BenchmarkFailure(missing);
        var python = FindOnPath("python3") ?? throw new BenchmarkFailure("python3 is not on PATH; the fuzzer's sink server is a Python script");
        string[] sink = [python, Path.Combine(layout.Root, "tests", "McpShim.IntegrationTests", "Readers", "sink-server.py")];
        var work = Directory.CreateTempSubdirectory("mcpshim-fuzz-").FullName;
        try
        {
            long done = 0, refused = 0, calls = 0, peak = 0;
            var failures = 0;
            var started = DateTime.UtcNow;
            for (var round = 0; done < options.Frames; round++)
            {
                var frames = Math.Min(options.RoundFrames, options.Frames - done);
                var report = await FuzzRun.RunAsync(new FuzzOptions(mcpshim, sink, work)
                {
                    Frames = frames,
                    Seed = options.Seed + round,
                    MaxFrameBytes = options.MaxFrameBytes,
                    Policy = options.Policy,
                });
                done += frames;
                refused += report.Refusals;
                calls += report.ToolCallsRun;
                peak = Math.Max(peak, report.PeakRssBytes);
                Console.WriteLine($"round {round + 1}: {report}");
                if (!report.Passed)
                    failures++;
            }
            Console.WriteLine(
                $"fuzz: {done} frames in {(DateTime.UtcNow - started).TotalSeconds:F0} s, seeds {options.Seed}..{options.Seed + (int)((done - 1) / options.RoundFrames)}, " +
                $"{calls} tool calls reached the server, {refused} frames refused, peak RSS {peak / (1024 * 1024)} MiB; " +
                (failures == 0 ? "no invariant broken" : $"{failures} rounds broke an invariant"));
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
