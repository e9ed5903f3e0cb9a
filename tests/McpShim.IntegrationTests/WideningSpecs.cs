using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 14, against a real dockerd: nothing in a profile, a file name or a race may widen a container. Each spec is
/// one attack from the issue; with the CLI fallback (<c>MCPSHIM_EXEC_VIA=cli</c>) where that path is at stake.
/// </summary>
public sealed class WideningSpecs
{
    private const string ViaApi = "run via engine API at unix:///var/run/docker.sock";
    private static readonly Dictionary<string, string?> ViaCli = new() { ["MCPSHIM_EXEC_VIA"] = "cli" };

    [DockerFact(Timeout = 90_000)]
    public async Task A_container_path_carrying_mount_options_is_refused_before_any_container_starts()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var project = Project(sandbox);
        var comma = sandbox.AddEverythingProfile("inject", configure: p => p["volumes"] = Volume(project, "/w,source=/etc"));
        var newline = sandbox.AddEverythingProfile("newline", configure: p => p["volumes"] = Volume(project, "/w\n"));

        var commaError = await FailsAsync(sandbox, comma);
        var newlineError = await FailsAsync(sandbox, newline);

        Assert.Contains($"$.profiles.{comma}.volumes[0].container: '/w,source=/etc' holds a ','", commaError, StringComparison.Ordinal);
        Assert.Contains($"$.profiles.{newline}.volumes[0].container: '/w\\n' holds a control character", newlineError, StringComparison.Ordinal);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(comma));
        Assert.Empty(await ShimSandbox.ContainersOfAsync(newline));
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Files_named_with_commas_equals_signs_and_newlines_are_masked_and_mount_no_volume()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var victim = "victim-" + Guid.NewGuid().ToString("N")[..8];
        var names = new[] { "a,b.env", $".env-x,type=volume,source={victim}", "a=b.env", "line\nbreak.env" };
        var project = Project(sandbox, names);
        var profile = sandbox.AddEverythingProfile("masks", configure: p => p["volumes"] = Volume(project, "/w", readOnly: false));

        var stderr = new ConcurrentQueue<string>();
        await using (var session = await sandbox.ConnectAsync(profile, stderr: stderr, shimOptions: ["-v"]))
        {
            Assert.Equal("Echo: masked", await session.EchoAsync("masked"));
            var container = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
            foreach (var name in names)
            {
                var read = await Docker.RunAsync("exec", container, "cat", "/w/" + name);
                Assert.True(read.Succeeded, read.ToString());
                Assert.Equal(string.Empty, read.Stdout); // /dev/null: the secret is not readable
            }

            Assert.Equal("public", (await Docker.RunCheckedAsync("exec", container, "cat", "/w/readme")).Trim());
            var mounts = (await Docker.InspectAsync(container)).GetProperty("Mounts").EnumerateArray().ToList();
            Assert.DoesNotContain(mounts, m => m.GetProperty("Type").GetString() == "volume");
            Assert.Equal(names.Length, mounts.Count(m => m.GetProperty("Source").GetString() == "/dev/null"));
        }

        Assert.Contains(stderr, line => line.Contains(ViaApi, StringComparison.Ordinal));
        Assert.Equal(string.Empty, (await Docker.RunCheckedAsync("volume", "ls", "-q", "--filter", "name=" + victim)).Trim());
    }

    [DockerFact(Timeout = 120_000)]
    public async Task On_the_CLI_fallback_a_mask_it_cannot_carry_stops_the_session_naming_the_file()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var victim = "victim-" + Guid.NewGuid().ToString("N")[..8];
        var project = Project(sandbox, $".env-x,type=volume,source={victim}");
        var profile = sandbox.AddEverythingProfile("masks-cli", configure: p => p["volumes"] = Volume(project, "/w"));

        var error = await FailsAsync(sandbox, profile, ViaCli);

        Assert.Contains($"{project}/.mcpignore: the mask of '.env-x,type=volume,source={victim}'", error, StringComparison.Ordinal);
        Assert.Contains("cannot be passed safely to the engine CLI's --mount: it holds a ','", error, StringComparison.Ordinal);
        Assert.Contains("Rename it, or let mcpshim reach the Docker Engine API", error, StringComparison.Ordinal);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
        Assert.Equal(string.Empty, (await Docker.RunCheckedAsync("volume", "ls", "-q", "--filter", "name=" + victim)).Trim());
    }

    [DockerFact(Timeout = 120_000)]
    public async Task On_the_CLI_fallback_a_session_with_masks_it_can_carry_runs_hardened_as_through_the_API()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var project = Project(sandbox, "a=b.env", ".env");
        var profile = sandbox.AddEverythingProfile("cli", configure: p => p["volumes"] = Volume(project, "/w"));

        var stderr = new ConcurrentQueue<string>();
        JsonElement inspect;
        await using (var session = await sandbox.ConnectAsync(profile, stderr: stderr, shimOptions: ["-v"], environment: ViaCli))
        {
            Assert.Equal("Echo: via the CLI", await session.EchoAsync("via the CLI"));
            var container = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
            Assert.Equal(string.Empty, (await Docker.RunAsync("exec", container, "cat", "/w/a=b.env")).Stdout);
            inspect = await Docker.InspectAsync(container);
        }

        Assert.Contains(stderr, line => line.Contains("run via the docker CLI: MCPSHIM_EXEC_VIA=cli", StringComparison.Ordinal));
        Assert.Contains(stderr, line => line.Contains("mounted as checked: /w is '", StringComparison.Ordinal));
        var host = inspect.GetProperty("HostConfig");
        Assert.Equal("65532:65532", inspect.GetProperty("Config").GetProperty("User").GetString());
        Assert.Equal("none", host.GetProperty("NetworkMode").GetString());
        Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.Equal(3, inspect.GetProperty("Mounts").GetArrayLength());
    }

    [DockerFact(Timeout = 90_000)]
    public async Task Values_that_mean_root_the_host_or_no_limit_are_refused()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var root = sandbox.AddEverythingProfile("user00", configure: p => p["user"] = "00");
        var shared = sandbox.AddEverythingProfile("netcontainer", configure: p => p["network"] = "container:x");
        var unlimited = sandbox.AddEverythingProfile("mem0", configure: p => p["limits"] = new JsonObject { ["memory"] = "0" });

        Assert.Contains($"$.profiles.{root}.user: uid 0 (root) in the container (\"user\": \"00\") is refused unless the profile lists \"root\" under \"unsafe\"",
            await FailsAsync(sandbox, root), StringComparison.Ordinal);
        Assert.Contains($"$.profiles.{shared}.network: another container's network ('container:x') is refused unless the profile lists \"network-container\"",
            await FailsAsync(sandbox, shared), StringComparison.Ordinal);
        Assert.Contains($"$.profiles.{unlimited}.limits.memory: '0' is not a limit",
            await FailsAsync(sandbox, unlimited), StringComparison.Ordinal);
        foreach (var profile in new[] { root, shared, unlimited })
            Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
    }

    [DockerFact(Timeout = 240_000)]
    public async Task A_folder_swapped_for_a_symlink_to_etc_while_a_slow_secret_resolves_fails_the_session_8_times_of_8()
    {
        var outcomes = await SwapTrialsAsync("swap", "run", 8, async profile => await Docker.RemoveContainersAsync(await ShimSandbox.ContainersOfAsync(profile)));

        Assert.Equal(Enumerable.Repeat("refused", 8), outcomes);
    }

    [DockerFact(Timeout = 240_000)]
    public async Task In_exec_mode_a_folder_swapped_for_a_symlink_to_etc_while_a_slow_secret_resolves_fails_the_session_4_times_of_4()
    {
        // Nothing was made for a refused session: no warm container with /etc in it is left for the next one.
        var outcomes = await SwapTrialsAsync("swapexec", "exec", 4, async profile => Assert.Empty(await ShimSandbox.ContainersOfAsync(profile)));

        Assert.Equal(Enumerable.Repeat("refused", 4), outcomes);
    }

    /// <summary>
    /// Starts a session <paramref name="attempts"/> times while its mounted folder is swapped for a symlink to /etc after
    /// mcpshim checked it (while a slow secret command runs); what became of each: "refused" or how it started.
    /// </summary>
    private static async Task<List<string>> SwapTrialsAsync(string stem, string mode, int attempts, Func<string, Task> afterEach)
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var parent = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "roots")).FullName;
        var allowed = Path.Combine(parent, "allowed");
        var signal = Path.Combine(sandbox.Folder, "secret-started");
        sandbox.SetTopLevel("allowedRoots", new JsonArray(parent));
        var profile = sandbox.AddEverythingProfile(stem, mode, p =>
        {
            p["volumes"] = Volume(allowed, "/w");
            p["secrets"] = new JsonArray(new JsonObject { ["name"] = "SLOW_SECRET", ["from"] = $"cmd:sh -c 'touch {signal}; sleep 1; echo x'" });
        });

        var outcomes = new List<string>();
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            Directory.CreateDirectory(allowed);
            File.WriteAllText(Path.Combine(allowed, "marker"), "the allowed folder");
            File.Delete(signal);
            var connect = Task.Run(async () =>
            {
                await using var session = await sandbox.ConnectAsync(profile);
                var container = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
                // Reached only if the session started: it must not show /etc.
                var passwd = await Docker.RunAsync("exec", container, "cat", "/w/passwd");
                return passwd.Succeeded ? "started with /etc mounted at /w" : "started without /etc";
            });

            // The swap comes after mcpshim checked the folder, while its secret command runs.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(signal) && !connect.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(20))
                await Task.Delay(10);
            Assert.True(File.Exists(signal), $"attempt {attempt}: the secret command never ran");
            Directory.Move(allowed, allowed + ".orig");
            File.CreateSymbolicLink(allowed, "/etc");

            try
            {
                outcomes.Add(await connect);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                outcomes.Add(ex.ToString().Contains("is not the folder mcpshim checked", StringComparison.Ordinal) ? "refused" : "failed otherwise: " + ex.Message);
            }
            finally
            {
                File.Delete(allowed);
                Directory.Delete(allowed + ".orig", recursive: true);
            }

            await afterEach(profile);
        }

        return outcomes;
    }

    [DockerFact(Timeout = 180_000)]
    public async Task In_exec_mode_a_warm_container_whose_folder_was_replaced_since_is_recreated_before_the_next_session_uses_it()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var parent = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "roots")).FullName;
        var folder = Path.Combine(parent, "project");
        sandbox.SetTopLevel("allowedRoots", new JsonArray(parent));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "marker"), "first");
        var profile = sandbox.AddEverythingProfile("replaced", mode: "exec", configure: p => p["volumes"] = Volume(folder, "/w"));

        string firstContainer;
        await using (var first = await sandbox.ConnectAsync(profile))
        {
            firstContainer = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
            Assert.Equal("first", (await Docker.RunCheckedAsync("exec", firstContainer, "cat", "/w/marker")).Trim());
        }

        // Same path, another folder (as a checkout that recreates it would leave it): the warm container still holds the old one.
        Directory.Move(folder, folder + ".old");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "marker"), "second");

        await using var second = await sandbox.ConnectAsync(profile);
        var container = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
        Assert.NotEqual(firstContainer, container);
        Assert.Equal("second", (await Docker.RunCheckedAsync("exec", container, "cat", "/w/marker")).Trim());
    }

    [DockerFact(Timeout = 180_000)]
    public async Task Mcpshim_test_reports_the_user_network_and_mounts_the_container_really_got()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var project = Project(sandbox, "a,b.env", "line\nbreak.env");
        var profile = sandbox.AddEverythingProfile("audit", configure: p => p["volumes"] = Volume(project, "/w"));

        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["test", profile], sandbox.Environment, timeout: TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"(?m)^{profile} +hardening +user as the profile says +pass +- +65532:65532 \(inspect\); inside, uid 65532 for pid \d+ \(node\)$", result.Stdout);
        Assert.Matches($@"(?m)^{profile} +hardening +mounts as the profile says +pass +- +/w ro, 2 \.mcpignore mask\(s\)$", result.Stdout);
        Assert.Matches($@"(?m)^{profile} +hardening +mounts seen inside +pass +\d+ +/w ro, 2 \.mcpignore mask\(s\)$", result.Stdout);
        Assert.Matches($@"(?m)^{profile} +hardening +network seen inside +pass +- +interfaces lo \(loopback only", result.Stdout);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
    }

    /// <summary>A project folder with a .mcpignore hiding *.env and .env*, a public readme and the given secret files.</summary>
    private static string Project(ShimSandbox sandbox, params string[] secretFiles)
    {
        var project = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "project")).FullName;
        File.WriteAllText(Path.Combine(project, ".mcpignore"), "*.env\n.env*\n");
        File.WriteAllText(Path.Combine(project, "readme"), "public");
        foreach (var name in secretFiles)
            File.WriteAllText(Path.Combine(project, name), "SECRET=do-not-leak");
        sandbox.SetTopLevel("allowedRoots", new JsonArray(sandbox.Folder));
        return project;
    }

    private static JsonArray Volume(string host, string container, bool readOnly = true) =>
        new(new JsonObject { ["host"] = host, ["container"] = container, ["readOnly"] = readOnly });

    /// <summary>Connects expecting initialize to fail; returns everything the client and mcpshim's stderr said.</summary>
    private static async Task<string> FailsAsync(ShimSandbox sandbox, string profile, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var stderr = new ConcurrentQueue<string>();
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var session = await sandbox.ConnectAsync(
                profile, new McpClientOptions { InitializationTimeout = TimeSpan.FromSeconds(60) }, stderr, environment: environment);
        });
        return error + "\n" + string.Join('\n', stderr);
    }
}
