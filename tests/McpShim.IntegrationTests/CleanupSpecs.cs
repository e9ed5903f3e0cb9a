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

    [DockerFact(Timeout = 90_000)]
    public async Task A_container_whose_mcpshim_died_is_reaped_when_mcpshim_next_starts()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("reap");
        var uid = (await ProcessRunner.RunAsync("id", ["-u"])).Stdout.Trim();
        // A pid that was alive a moment ago and is not any more: what a SIGKILLed mcpshim leaves in its labels.
        var dead = await ProcessRunner.RunAsync("sh", ["-c", "sleep 0 & echo $!; wait"]);
        var deadPid = dead.Stdout.Trim();
        var orphan = await Docker.RunCheckedAsync(
            "run", "-d", "--name", $"mcpshim-{profile}-orphan",
            "--label", "io.mcpshim.managed=true", "--label", $"io.mcpshim.profile={profile}",
            "--label", "io.mcpshim.mode=run", "--label", $"io.mcpshim.owner.pid={deadPid}",
            "--label", $"io.mcpshim.owner.host={System.Environment.MachineName}", "--label", $"io.mcpshim.owner.uid={uid}",
            "--entrypoint", "sleep", EverythingImage.Name, "infinity");
        var bystander = await Docker.RunCheckedAsync(
            "run", "-d", "--name", $"mcpshim-{profile}-bystander", "--label", $"io.mcpshim.profile={profile}",
            "--entrypoint", "sleep", EverythingImage.Name, "infinity");

        try
        {
            await using (var shim = RawShimProcess.Start(["--config", sandbox.ConfigPath, profile], sandbox.Environment))
            {
                await shim.SendAsync(JsonRpcFrames.Initialize);
                await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(30));

                var clock = Stopwatch.StartNew();
                while ((await Docker.RunAsync("container", "inspect", orphan.Trim())).Succeeded)
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the orphan was not reaped; mcpshim stderr:\n" + shim.Stderr);
                    await Task.Delay(250);
                }

                Assert.Contains("removed orphan container", shim.Stderr, StringComparison.Ordinal);
            }

            // Only mcpshim's own containers of dead owners go: one without the labels is left alone.
            Assert.True((await Docker.RunAsync("container", "inspect", bystander.Trim())).Succeeded, "a container that is not mcpshim's was removed");
        }
        finally
        {
            await Docker.RunAsync("rm", "-f", bystander.Trim());
        }
    }
}
