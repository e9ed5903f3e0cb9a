using System.Diagnostics;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>No container outlives its mcpshim, even one that was killed without a chance to clean up.</summary>
public sealed class CleanupSpecs
{
    [DockerFact(Timeout = 90_000)]
    public async Task Killing_mcpshim_with_SIGKILL_leaves_no_container_behind_within_10_seconds()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("kill9");

        await using var shim = RawShimProcess.Start(["--config", sandbox.ConfigPath, profile], sandbox.Environment);
        await shim.SendAsync(JsonRpcFrames.Initialize);
        var response = await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(30));
        Assert.Contains("\"result\"", response);

        var containers = await ShimSandbox.ContainersOfAsync(profile);
        Assert.True(containers.Count == 1, $"expected the session's container, found {containers.Count}. stderr:\n{shim.Stderr}");

        var kill = await ProcessRunner.RunAsync("kill", ["-9", shim.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(kill.Succeeded, kill.ToString());
        Assert.True(await shim.WaitForExitAsync(TimeSpan.FromSeconds(5)), "mcpshim survived kill -9");

        var clock = Stopwatch.StartNew();
        while ((await ShimSandbox.ContainersOfAsync(profile)).Count > 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                var left = await Docker.RunAsync("ps", "-a", "--filter", $"label=io.mcpshim.profile={profile}");
                Assert.Fail($"the container was still there 10 s after kill -9 of mcpshim:\n{left.Stdout}\nmcpshim stderr:\n{shim.Stderr}");
            }
            await Task.Delay(250);
        }
    }
}
