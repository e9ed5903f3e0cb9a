using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>Progress notifications for a long call reach the client, in order and ahead of the call's response.</summary>
public sealed class ProgressSpecs
{
    [DockerFact(Timeout = 90_000)]
    public async Task I_get_progress_updates_for_a_long_running_tool_call()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("progress");
        var progress = new RecordingProgress();

        await using var session = await sandbox.ConnectAsync(profile);
        var result = await session.Client.CallToolAsync(
            "trigger-long-running-operation",
            new Dictionary<string, object?> { ["duration"] = 2, ["steps"] = 4 },
            progress);

        Assert.Contains("Long running operation completed", ShimSession.TextOf(result));
        // Not "all four": the C# SDK dispatches notifications concurrently and retires the progress handler when the
        // response lands, so the last update can be dropped even with no relay in between (seen ~40% of runs directly
        // against server-everything). Wire order is checked below, where the SDK can't blur it.
        var updates = progress.Updates;
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.InRange(u.Progress, 1f, 4f));
        Assert.All(updates, u => Assert.Equal(4f, u.Total));
    }

    [DockerFact(Timeout = 60_000)]
    public async Task Relay_delivers_every_progress_notification_in_order_before_the_response()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("progress-wire");

        await using var shim = RawShimProcess.Start(["--config", sandbox.ConfigPath, profile], sandbox.Environment);
        await shim.SendAsync(JsonRpcFrames.Initialize);
        await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(30));
        await shim.SendAsync(JsonRpcFrames.Initialized);
        await shim.SendAsync(
            """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"trigger-long-running-operation","arguments":{"duration":1,"steps":4},"_meta":{"progressToken":"tok-42"}}}""");

        var progressSeen = new List<double>();
        while (true)
        {
            var line = await shim.ReadLineContainingAsync("\"jsonrpc\"", TimeSpan.FromSeconds(30));
            using var frame = JsonDocument.Parse(line);
            var root = frame.RootElement;
            if (root.TryGetProperty("method", out var method) && method.GetString() == "notifications/progress")
            {
                Assert.Equal("tok-42", root.GetProperty("params").GetProperty("progressToken").GetString());
                progressSeen.Add(root.GetProperty("params").GetProperty("progress").GetDouble());
            }
            else if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == 2)
            {
                Assert.True(root.TryGetProperty("result", out _), line);
                break;
            }
        }

        Assert.Equal([1d, 2d, 3d, 4d], progressSeen);
    }
}
