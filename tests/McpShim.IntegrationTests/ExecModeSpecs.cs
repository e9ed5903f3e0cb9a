using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>exec mode keeps one warm container per profile and user, and every session is a docker exec into it.</summary>
public sealed class ExecModeSpecs
{
    [DockerFact(Timeout = 180_000)]
    public async Task I_can_reuse_one_warm_container_across_sequential_and_concurrent_sessions()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("warm", mode: "exec");

        await using (var first = await sandbox.ConnectAsync(profile))
            Assert.Equal("Echo: first", await first.EchoAsync("first"));
        var warm = await SingleWarmContainerAsync(profile);

        await using (var second = await sandbox.ConnectAsync(profile))
            Assert.Equal("Echo: second", await second.EchoAsync("second"));
        Assert.Equal(warm, await SingleWarmContainerAsync(profile));

        // Two sessions starting at the same moment must agree on one container, not race to create two.
        using var go = new ManualResetEventSlim();
        var concurrent = Enumerable.Range(1, 2).Select(i => Task.Run(async () =>
        {
            go.Wait();
            await using var session = await sandbox.ConnectAsync(profile);
            return await session.EchoAsync($"concurrent {i}");
        })).ToArray();
        go.Set();
        var replies = await Task.WhenAll(concurrent);

        Assert.Equal(["Echo: concurrent 1", "Echo: concurrent 2"], replies);
        Assert.Equal(warm, await SingleWarmContainerAsync(profile));
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Two_sessions_starting_at_once_with_no_warm_container_yet_create_exactly_one()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("warm-race", mode: "exec");
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));

        using var go = new ManualResetEventSlim();
        var sessions = Enumerable.Range(1, 2).Select(i => Task.Run(async () =>
        {
            go.Wait();
            await using var session = await sandbox.ConnectAsync(profile);
            return await session.EchoAsync($"racer {i}");
        })).ToArray();
        go.Set();
        var replies = await Task.WhenAll(sessions);

        Assert.Equal(["Echo: racer 1", "Echo: racer 2"], replies);
        await SingleWarmContainerAsync(profile);
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Changing_the_profile_of_an_idle_warm_container_recreates_it_with_the_new_settings()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("warm-stale", mode: "exec");
        var quiet = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using (var first = await sandbox.ConnectAsync(profile, stderr: quiet))
            await first.EchoAsync("before");
        var warm = await SingleWarmContainerAsync(profile);

        sandbox.UpdateProfile(profile, p => p["limits"] = new System.Text.Json.Nodes.JsonObject { ["memory"] = "300m" });
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using (var second = await sandbox.ConnectAsync(profile, stderr: stderr))
            Assert.Equal("Echo: after", await second.EchoAsync("after"));

        Assert.DoesNotContain(quiet, l => l.Contains("recreating it", StringComparison.Ordinal));
        Assert.Contains(stderr, l => l.Contains($"the warm container mcpshim-{profile}-", StringComparison.Ordinal) &&
                                     l.Contains("recreating it", StringComparison.Ordinal));
        var recreated = await SingleWarmContainerAsync(profile);
        Assert.NotEqual(warm, recreated);
        Assert.Equal(300L * 1024 * 1024, (await Docker.InspectAsync(recreated)).GetProperty("HostConfig").GetProperty("Memory").GetInt64());
    }

    private static async Task<string> SingleWarmContainerAsync(string profile)
    {
        var ids = await ShimSandbox.ContainersOfAsync(profile);
        var id = Assert.Single(ids);
        var inspect = await Docker.InspectAsync(id);
        Assert.Equal($"/mcpshim-{profile}-{Environment.UserName.ToLowerInvariant()}", inspect.GetProperty("Name").GetString());
        Assert.True(inspect.GetProperty("State").GetProperty("Running").GetBoolean(), "the warm container stays running between sessions");
        Assert.Equal("exec", inspect.GetProperty("Config").GetProperty("Labels").GetProperty("io.mcpshim.mode").GetString());
        return id;
    }
}
