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

                // The line follows the removal: give it a moment to arrive.
                while (!shim.Stderr.Contains("removed orphan container", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(20))
                    await Task.Delay(100);
                Assert.True(shim.Stderr.Contains("removed orphan container", StringComparison.Ordinal), "mcpshim did not say it removed the orphan; stderr:\n" + shim.Stderr);
            }

            // Only mcpshim's own containers of dead owners go: one without the labels is left alone.
            Assert.True((await Docker.RunAsync("container", "inspect", bystander.Trim())).Succeeded, "a container that is not mcpshim's was removed");
        }
        finally
        {
            await Docker.RunAsync("rm", "-f", bystander.Trim());
        }
    }

    [DockerFact(Timeout = 120_000)]
    public async Task After_a_SIGKILL_the_next_start_removes_the_secret_files_and_writes_the_killed_sessions_end_line()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("kill9-files", configure: p =>
        {
            p["secrets"] = new System.Text.Json.Nodes.JsonArray("API_TOKEN");
            p["secretsAs"] = "files";
        });
        var environment = Isolated(sandbox, out var secretsParent);
        environment["API_TOKEN"] = "kill9-secret";

        string killed;
        await using (var shim = RawShimProcess.Start(["--config", sandbox.ConfigPath, profile], environment))
        {
            await shim.SendAsync(JsonRpcFrames.Initialize);
            Assert.Contains("\"result\"", await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(60)));
            var folder = Assert.Single(Directory.GetDirectories(secretsParent));
            Assert.EndsWith($".owner-{shim.Pid}-{ProcessStartStamp(shim.Pid)}", folder);
            killed = SessionOf(sandbox, "session.start");
            Assert.True((await ProcessRunner.RunAsync("kill", ["-9", shim.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])).Succeeded);
            Assert.True(await shim.WaitForExitAsync(TimeSpan.FromSeconds(5)), "mcpshim survived kill -9");
            Assert.True(Directory.Exists(folder), "nothing but the next start can have removed the folder yet");
        }

        await using (var next = RawShimProcess.Start(["-v", "--config", sandbox.ConfigPath, profile], environment))
        {
            await next.SendAsync(JsonRpcFrames.Initialize);
            Assert.Contains("\"result\"", await next.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(60)));
            next.CloseInput();
            Assert.True(await next.WaitForExitAsync(TimeSpan.FromSeconds(30)), next.Stderr);
            Assert.Contains("removed the secrets folder", next.Stderr, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetDirectories(secretsParent));
        AssertOneEndEach(sandbox, killed);
    }

    [Fact(Timeout = 60_000)]
    public async Task After_a_SIGKILL_in_local_mode_the_next_start_writes_the_killed_sessions_end_line()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        // cat stands in for a server: a session starts once the command runs, and cat ends when mcpshim is gone.
        var profile = sandbox.AddProfile("kill9-local", new System.Text.Json.Nodes.JsonObject
        {
            ["mode"] = "local",
            ["command"] = new System.Text.Json.Nodes.JsonArray("cat"),
        });
        var environment = Isolated(sandbox, out _);

        string killed;
        await using (var shim = RawShimProcess.Start(["--config", sandbox.ConfigPath, profile], environment))
        {
            await sandbox.Audit.WaitForEventAsync("session.start", TimeSpan.FromSeconds(30));
            killed = SessionOf(sandbox, "session.start");
            Assert.True((await ProcessRunner.RunAsync("kill", ["-9", shim.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])).Succeeded);
            Assert.True(await shim.WaitForExitAsync(TimeSpan.FromSeconds(5)), "mcpshim survived kill -9");
        }

        Assert.DoesNotContain(sandbox.Audit.ReadRecords(), r => r.GetProperty("event").GetString() == "session.end");
        await using (var next = RawShimProcess.Start(["--config", sandbox.ConfigPath, profile], environment))
        {
            next.CloseInput();
            Assert.True(await next.WaitForExitAsync(TimeSpan.FromSeconds(30)), next.Stderr);
        }

        AssertOneEndEach(sandbox, killed);
    }

    /// <summary>
    /// The state folder (session markers) and the secrets' tmpfs folder in the sandbox, so only this test's sessions
    /// are found there; <paramref name="secretsParent"/> is where mcpshim puts its secret folders then.
    /// </summary>
    private static Dictionary<string, string?> Isolated(ShimSandbox sandbox, out string secretsParent)
    {
        var runtime = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "runtime")).FullName;
        secretsParent = Path.Combine(runtime, "mcpshim-" + ProcessRunner.RunAsync("id", ["-u"]).GetAwaiter().GetResult().Stdout.Trim());
        return new Dictionary<string, string?>(sandbox.Environment)
        {
            ["XDG_STATE_HOME"] = Path.Combine(sandbox.Folder, "state"),
            ["XDG_RUNTIME_DIR"] = runtime,
        };
    }

    /// <summary>Field 22 of /proc/PID/stat: what mcpshim puts beside a pid against pid reuse.</summary>
    private static string ProcessStartStamp(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
    }

    private static string SessionOf(ShimSandbox sandbox, string eventName) =>
        Assert.Single(sandbox.Audit.ReadRecords(), r => r.GetProperty("event").GetString() == eventName).GetProperty("session").GetString()!;

    /// <summary>Every session has exactly one end line; the killed one's says "lost" and names its dead mcpshim.</summary>
    private static void AssertOneEndEach(ShimSandbox sandbox, string killed)
    {
        var records = sandbox.Audit.ReadRecords();
        foreach (var start in records.Where(r => r.GetProperty("event").GetString() == "session.start"))
        {
            var session = start.GetProperty("session").GetString();
            var ends = records.Where(r => r.GetProperty("event").GetString() == "session.end" && r.GetProperty("session").GetString() == session).ToList();
            Assert.True(ends.Count == 1, $"session {session} has {ends.Count} end lines:\n{sandbox.Audit.ReadText()}");
        }

        var lost = Assert.Single(records, r => r.GetProperty("event").GetString() == "session.end" && r.GetProperty("session").GetString() == killed);
        Assert.Equal("lost", lost.GetProperty("reason").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lost.GetProperty("exitCode").ValueKind);
        Assert.Equal(records.First(r => r.GetProperty("session").GetString() == killed).GetProperty("pid").GetInt32(), lost.GetProperty("pid").GetInt32());
    }
}
