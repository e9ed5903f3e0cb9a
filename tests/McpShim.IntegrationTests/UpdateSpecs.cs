using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// <c>mcpshim update</c> and <c>mcpshim rollback</c> (issue 6) on a throwaway image built from mcpshim/base:trixie
/// under a unique name, removed afterwards.
/// </summary>
public sealed class UpdateSpecs
{
    private const string Base = "mcpshim/base:trixie";

    [DockerFact(Timeout = 300_000)]
    public async Task I_can_update_a_built_profile_see_old_and_new_ids_and_roll_back()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        if (!await Docker.ImageExistsAsync(Base))
            throw new InvalidOperationException($"{Base} is missing: build it with images/base/make-base.sh {Base} trixie");
        var repository = $"mcpshim-ops-test/update-{Guid.NewGuid().ToString("N")[..10]}";
        var image = repository + ":latest";
        var build = Path.Combine(sandbox.Folder, "server");
        Directory.CreateDirectory(build);
        var profile = sandbox.AddProfile("update", new System.Text.Json.Nodes.JsonObject { ["image"] = image, ["build"] = build });
        try
        {
            WriteDockerfile(build, "v1");
            var first = await ShimAsync(sandbox, "update", profile);
            Assert.True(first.ExitCode == 0, first.ToString());
            var v1 = await IdAsync(image);
            Assert.Contains($"{profile}: {image} (none) → {Short(v1)} (rebuilt from {build})", first.Stdout, StringComparison.Ordinal);
            Assert.Contains($"building {image} from {build}", first.Stderr, StringComparison.Ordinal);
            Assert.Equal("true", await LabelAsync(image, "io.mcpshim.managed"));

            var again = await ShimAsync(sandbox, "update", profile);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Contains($"{image} is already up to date ({Short(v1)})", again.Stdout, StringComparison.Ordinal);
            Assert.False(await Docker.ImageExistsAsync(repository + ":mcpshim-rollback"), "an update that changed nothing left a rollback tag");

            WriteDockerfile(build, "v2");
            var second = await ShimAsync(sandbox, "update", profile);
            Assert.True(second.ExitCode == 0, second.ToString());
            var v2 = await IdAsync(image);
            Assert.NotEqual(v1, v2);
            Assert.Contains($"{image} {Short(v1)} → {Short(v2)}", second.Stdout, StringComparison.Ordinal);
            Assert.Equal(v1, await IdAsync(repository + ":mcpshim-rollback"));

            var rollback = await ShimAsync(sandbox, "rollback", profile);
            Assert.True(rollback.ExitCode == 0, rollback.ToString());
            Assert.Contains($"rolled back {image} {Short(v2)} → {Short(v1)}", rollback.Stdout, StringComparison.Ordinal);
            Assert.Equal(v1, await IdAsync(image));
            Assert.Equal(v2, await IdAsync(repository + ":mcpshim-rollback"));
        }
        finally
        {
            await Docker.RunAsync("image", "rm", "-f", image, repository + ":mcpshim-rollback");
        }
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Rolling_back_a_profile_never_updated_says_there_is_nothing_to_return_to()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var image = $"mcpshim-ops-test/never-{Guid.NewGuid().ToString("N")[..10]}:latest";
        var profile = sandbox.AddProfile("rollback", new System.Text.Json.Nodes.JsonObject { ["image"] = image });

        var rollback = await ShimAsync(sandbox, "rollback", profile);

        Assert.Equal(69, rollback.ExitCode);
        Assert.Contains("there is no mcpshim-ops-test/never-", rollback.Stderr, StringComparison.Ordinal);
        Assert.Contains($"'mcpshim update {profile}' keeps the image", rollback.Stderr, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 300_000)]
    public async Task A_startup_update_lets_the_session_start_on_the_local_image_and_rebuilds_in_the_background_once_per_interval()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var repository = $"mcpshim-ops-test/startup-{Guid.NewGuid().ToString("N")[..10]}";
        var image = repository + ":latest";
        var build = Path.Combine(sandbox.Folder, "server");
        Directory.CreateDirectory(build);
        var profile = sandbox.AddProfile("startup", new System.Text.Json.Nodes.JsonObject
        {
            ["image"] = image, ["build"] = build, ["update"] = "startup", ["checkInterval"] = "1h",
        });
        var environment = new Dictionary<string, string?>(sandbox.Environment) { ["XDG_STATE_HOME"] = Path.Combine(sandbox.Folder, "state") };
        try
        {
            await WriteServerAsync(build, "v1");
            await Docker.RunCheckedAsync("build", "-t", image, build);
            var v1 = await IdAsync(image);
            await WriteServerAsync(build, "v2");

            var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
            await using (var session = await ShimSession.ConnectAsync(profile, environment, stderr: stderr))
            {
                Assert.Equal("Echo: first", await session.EchoAsync("first"));
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (!stderr.Any(l => l.Contains("update check found a newer image", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
                    await Task.Delay(200);
            }

            var v2 = await IdAsync(image);
            Assert.NotEqual(v1, v2);
            Assert.Contains(stderr, l => l.Contains($"{Short(v1)} -> {Short(v2)}", StringComparison.Ordinal));
            Assert.Equal(v1, await IdAsync(repository + ":mcpshim-rollback"));
            Assert.Contains(Short(v1), sandbox.Audit.ReadText(), StringComparison.Ordinal); // the first session ran on the old image

            // Within the interval the next session does not check again.
            await WriteServerAsync(build, "v3");
            await using (var next = await ShimSession.ConnectAsync(profile, environment))
                Assert.Equal("Echo: second", await next.EchoAsync("second"));
            await Task.Delay(3000);
            Assert.Equal(v2, await IdAsync(image));
        }
        finally
        {
            await Docker.RunAsync("image", "rm", "-f", image, repository + ":mcpshim-rollback");
        }
    }

    private static Task WriteServerAsync(string folder, string version) =>
        File.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"), $"FROM {EverythingImage.Name}\nLABEL io.mcpshim.test.version={version}\n");

    private static void WriteDockerfile(string folder, string version) =>
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), $"FROM {Base}\nLABEL io.mcpshim.test.version={version}\n");

    private static Task<string> IdAsync(string image) => Docker.RunCheckedAsync("image", "inspect", "--format", "{{.Id}}", image);

    private static Task<string> LabelAsync(string image, string label) =>
        Docker.RunCheckedAsync("image", "inspect", "--format", $"{{{{index .Config.Labels \"{label}\"}}}}", image);

    private static string Short(string id) => id[7..19];

    private static Task<CommandResult> ShimAsync(ShimSandbox sandbox, params string[] arguments) =>
        ProcessRunner.RunAsync(ShimBinary.Path, arguments, sandbox.Environment, timeout: TimeSpan.FromSeconds(240));
}
