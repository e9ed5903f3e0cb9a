using System.Globalization;
using McpShim.IntegrationTests.Differential;
using McpShim.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 13's seeded fuzzer, reduced for CI: mutated MCP frames through the published mcpshim into a sink server.
/// MCPSHIM_FUZZ_FRAMES and MCPSHIM_FUZZ_SEED change the run (the long target: ./build.sh bench -- fuzz).
/// </summary>
public sealed class FuzzSpecs(ITestOutputHelper output)
{
    [ReaderFact(Timeout = 180_000)]
    public async Task Mutated_frames_under_a_policy_read_one_way_run_no_denied_tool_and_are_all_audited()
    {
        var report = await RunAsync(policy: true, defaultFrames: 20_000);

        Assert.True(report.Passed, report.ToString());
    }

    [ReaderFact(Timeout = 120_000)]
    public async Task Mutated_frames_without_a_policy_read_one_way_and_are_all_audited()
    {
        var report = await RunAsync(policy: false, defaultFrames: 5_000);

        Assert.True(report.Passed, report.ToString());
    }

    private async Task<FuzzReport> RunAsync(bool policy, long defaultFrames)
    {
        using var work = new TempDirectory();
        var options = new FuzzOptions(ShimBinary.Path, ReaderServer.PythonScript("sink-server.py"), work.Path)
        {
            Frames = long.TryParse(Environment.GetEnvironmentVariable("MCPSHIM_FUZZ_FRAMES"), CultureInfo.InvariantCulture, out var frames) ? frames : defaultFrames,
            Seed = int.TryParse(Environment.GetEnvironmentVariable("MCPSHIM_FUZZ_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : 13,
            Policy = policy,
        };
        var report = await FuzzRun.RunAsync(options);
        output.WriteLine(report.ToString());
        return report;
    }
}
