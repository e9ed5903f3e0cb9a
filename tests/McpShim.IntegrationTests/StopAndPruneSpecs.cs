using System.Globalization;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// <c>mcpshim stop</c> and <c>mcpshim prune</c> (issue 6): they remove only the caller's containers labelled as
/// mcpshim's, say what they did, and leave everything else alone.
/// </summary>
public sealed class StopAndPruneSpecs
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [DockerFact(Timeout = 180_000)]
    public async Task I_can_stop_my_warm_container_and_mcpshim_says_what_it_did()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("stop", mode: "exec");
        await using (var session = await sandbox.ConnectAsync(profile))
            Assert.Equal("Echo: warm", await session.EchoAsync("warm"));
        Assert.Single(await ShimSandbox.ContainersOfAsync(profile));

        var stopped = await ShimAsync(sandbox, "stop", profile);

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Contains($"stopped and removed the warm container 'mcpshim-{profile}-{UserName}'", stopped.Stdout, StringComparison.Ordinal);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));

        var again = await ShimAsync(sandbox, "stop", profile);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("nothing to stop", again.Stdout, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task Stopping_a_warm_container_with_secret_files_removes_its_secrets_folder_too()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("stop-secrets", mode: "exec", configure: p =>
        {
            p["secrets"] = new System.Text.Json.Nodes.JsonArray("STOP_TOKEN");
            p["secretsAs"] = "files";
        });
        var runtime = Path.Combine(sandbox.Folder, "runtime");
        Directory.CreateDirectory(runtime);
        var environment = new Dictionary<string, string?>(sandbox.Environment) { ["XDG_RUNTIME_DIR"] = runtime, ["STOP_TOKEN"] = "stop-secret-value" };
        var uid = (await ProcessRunner.RunAsync("id", ["-u"])).Stdout.Trim();
        var secretsFolder = Path.Combine(runtime, $"mcpshim-{uid}", $"mcpshim-{profile}-{UserName}");
        await using (var session = await ShimSession.ConnectAsync(profile, environment))
            Assert.Equal("Echo: warm", await session.EchoAsync("warm"));
        Assert.True(Directory.Exists(secretsFolder), "the warm container's secrets folder was not where expected: " + secretsFolder);

        var stopped = await ProcessRunner.RunAsync(ShimBinary.Path, ["stop", profile], environment, timeout: RunTimeout);

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Contains("and its secrets folder", stopped.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(secretsFolder), "stop left the secrets folder behind");
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Stop_refuses_a_warm_container_that_belongs_to_another_user()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("stop-other", mode: "exec");
        var name = $"mcpshim-{profile}-{UserName}";
        await Docker.RunCheckedAsync(
            "run", "-d", "--name", name,
            "--label", "io.mcpshim.managed=true", "--label", $"io.mcpshim.profile={profile}", "--label", "io.mcpshim.mode=exec",
            "--label", "io.mcpshim.owner.uid=4242424", "--entrypoint", "sleep", EverythingImage.Name, "infinity");

        var refused = await ShimAsync(sandbox, "stop", profile);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("belongs to uid 4242424", refused.Stderr, StringComparison.Ordinal);
        Assert.True((await Docker.RunAsync("container", "inspect", name)).Succeeded, "stop removed another user's container");
    }

    [DockerFact(Timeout = 180_000)]
    public async Task Prune_removes_only_my_labelled_containers_that_no_live_session_uses_and_dry_run_removes_nothing()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("prune");
        var uid = (await ProcessRunner.RunAsync("id", ["-u"])).Stdout.Trim();
        var deadPid = (await ProcessRunner.RunAsync("sh", ["-c", "sleep 0 & echo $!; wait"])).Stdout.Trim();
        var livePid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string[] Labels(string mode, string ownerUid, string pid) =>
        [
            "--label", "io.mcpshim.managed=true", "--label", $"io.mcpshim.profile={profile}", "--label", $"io.mcpshim.mode={mode}",
            "--label", $"io.mcpshim.owner.uid={ownerUid}", "--label", $"io.mcpshim.owner.pid={pid}",
            "--label", $"io.mcpshim.owner.host={Environment.MachineName}",
        ];
        async Task<string> StartAsync(string name, string[] labels, bool running = true) =>
            (await Docker.RunCheckedAsync([running ? "run" : "create", .. running ? new[] { "-d" } : [], "--name", $"mcpshim-{profile}-{name}",
                .. labels, "--entrypoint", "sleep", EverythingImage.Name, "infinity"])).Trim();

        var orphan = await StartAsync("orphan", Labels("run", uid, deadPid));
        var stopped = await StartAsync("stopped", Labels("exec", uid, livePid), running: false);
        var idleWarm = await StartAsync("idle", Labels("exec", uid, deadPid));
        var live = await StartAsync("live", Labels("run", uid, livePid));
        var starting = await StartAsync("starting", Labels("run", uid, livePid), running: false);
        var otherUser = await StartAsync("other", Labels("run", "4242424", deadPid));
        var bystander = (await Docker.RunCheckedAsync(
            "run", "-d", "--name", $"mcpshim-{profile}-bystander", "--label", $"io.mcpshim.profile={profile}",
            "--entrypoint", "sleep", EverythingImage.Name, "infinity")).Trim();
        try
        {
            var dryRun = await ShimAsync(sandbox, "prune", "--dry-run");

            Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
            Assert.Matches($@"(?m)^would remove +mcpshim-{profile}-orphan +run +{profile} +owner pid {deadPid} is gone$", dryRun.Stdout);
            Assert.Matches($@"(?m)^would remove +mcpshim-{profile}-stopped +exec .+not running \(created\)$", dryRun.Stdout);
            Assert.Matches($@"(?m)^would remove +mcpshim-{profile}-idle +exec .+no live session", dryRun.Stdout);
            Assert.Matches($@"(?m)^kept +mcpshim-{profile}-live +run .+session pid {livePid} is alive$", dryRun.Stdout);
            Assert.Matches($@"(?m)^kept +mcpshim-{profile}-starting +run .+created; session pid {livePid} is alive$", dryRun.Stdout);
            foreach (var id in new[] { orphan, stopped, idleWarm, live, starting, otherUser, bystander })
                Assert.True(await ExistsAsync(id), "--dry-run removed a container:\n" + dryRun);

            // Limited to this test's profile, so a developer's own idle containers survive the test run.
            var pruned = await ShimAsync(sandbox, "prune", profile);

            Assert.True(pruned.ExitCode == 0, pruned.ToString());
            Assert.Matches($@"(?m)^removed +mcpshim-{profile}-orphan ", pruned.Stdout);
            foreach (var id in new[] { orphan, stopped, idleWarm })
                Assert.False(await ExistsAsync(id), "prune left a container it should remove:\n" + pruned);
            foreach (var id in new[] { live, starting, otherUser, bystander })
                Assert.True(await ExistsAsync(id), "prune removed a container it must keep:\n" + pruned);
            Assert.DoesNotContain($"mcpshim-{profile}-other", pruned.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain($"mcpshim-{profile}-bystander", pruned.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await Docker.RemoveContainersAsync([orphan, stopped, idleWarm, live, starting, otherUser, bystander]);
        }
    }

    private static string UserName => Environment.UserName.ToLowerInvariant();

    private static async Task<bool> ExistsAsync(string id) => (await Docker.RunAsync("container", "inspect", id)).Succeeded;

    private static Task<CommandResult> ShimAsync(ShimSandbox sandbox, params string[] arguments) =>
        ProcessRunner.RunAsync(ShimBinary.Path, ["--config", sandbox.ConfigPath, .. arguments], sandbox.Environment, timeout: RunTimeout);
}
