using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// <c>mcpshim test</c> as CI runs it: the published binary against real containers, its table, its JUnit and JSON
/// files, the deliberately bad images under tests/images, and no container left behind.
/// </summary>
public sealed class TestCommandSpecs
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [DockerFact(Timeout = 180_000)]
    public async Task I_can_smoke_test_the_everything_image_with_a_scripted_echo_and_every_check_passes()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("smoke", configure: p => p["smoke"] = Smoke(
            """{"calls": [{"tool": "echo", "arguments": {"message": "smoke signal"}, "expect": {"contains": "Echo: smoke signal"}}]}"""));
        var junit = Path.Combine(Path.GetDirectoryName(sandbox.ConfigPath)!, "reports", "smoke.xml");
        var json = Path.Combine(Path.GetDirectoryName(sandbox.ConfigPath)!, "reports", "smoke.json");

        var result = await TestAsync(sandbox, profile, "everything", "--junit", junit, "--json", json);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"(?m)^{profile} +calls +tools/call echo +pass +\d+ +text contains ""Echo: smoke signal""$", result.Stdout);
        Assert.Matches($@"(?m)^{profile} +hardening +server processes not root +pass +\d+ +pid \d+ \(node\): uid 65532/", result.Stdout);
        Assert.Matches($@"(?m)^everything +calls +tools/call get-structured-content +pass ", result.Stdout);
        Assert.Contains("PASSED: 2 profiles, ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"test 1/2 '{profile}' (run): starting mcpshim/everything:latest", result.Stderr, StringComparison.Ordinal);

        // The JUnit and JSON files describe the same run: one suite per profile, one case per check.
        var suites = XDocument.Load(junit).Root!.Elements("testsuite").ToList();
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var profiles = report.RootElement.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal([profile, "everything"], suites.Select(s => (string)s.Attribute("name")!));
        Assert.Equal([profile, "everything"], profiles.Select(p => p.GetProperty("profile").GetString()));
        for (var i = 0; i < suites.Count; i++)
        {
            var checks = profiles[i].GetProperty("checks").GetArrayLength();
            Assert.Equal(checks, int.Parse((string)suites[i].Attribute("tests")!, CultureInfo.InvariantCulture));
            Assert.Equal(checks, suites[i].Elements("testcase").Count());
            Assert.Equal("0", (string)suites[i].Attribute("failures")!);
            Assert.True(checks >= 20, $"{checks} checks for {suites[i].Attribute("name")}");
        }

        // The report records which image ran, by digest.
        var imageId = await Docker.RunCheckedAsync("image", "inspect", "--format", "{{.Id}}", EverythingImage.Name);
        Assert.Equal($"{EverythingImage.Name}@{imageId}", profiles[0].GetProperty("image").GetString());
        Assert.Equal(0, report.RootElement.GetProperty("failures").GetInt32());
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
        Assert.Empty(await ShimSandbox.ContainersOfAsync("everything"));
    }

    [DockerFact(Timeout = 180_000)]
    public async Task An_image_whose_server_runs_as_root_fails_the_hardening_audit_with_the_uid_it_saw()
    {
        await TestImages.EnsureBuiltAsync(TestImages.RunsAsRoot);
        await using var sandbox = await ShimSandbox.CreateAsync();
        // mcpshim replaces an image's root user with 65532 unless the profile asks for root, and that takes "unsafe".
        var asRoot = sandbox.AddProfile("root", new JsonObject
        {
            ["image"] = TestImages.RunsAsRoot,
            ["user"] = "0:0",
            ["unsafe"] = new JsonArray("root"),
        });
        var asDefault = sandbox.AddProfile("rootimage", new JsonObject { ["image"] = TestImages.RunsAsRoot });

        var result = await TestAsync(sandbox, asRoot, asDefault);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches($@"(?m)^{asRoot} +hardening +user is not root +FAIL +\d+ +the container runs as '0:0' \(root\)", result.Stdout);
        Assert.Matches($@"(?m)^  {asRoot} / hardening / server processes not root: pid \d+ \(node\) runs as uid 0/0/0/0 \(root inside the container\)$", result.Stdout);
        Assert.DoesNotMatch($@"(?m)^{asDefault} .* FAIL ", result.Stdout);
        Assert.Contains($"FAILED ({asRoot}): 2 profiles", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(asRoot));
        Assert.Empty(await ShimSandbox.ContainersOfAsync(asDefault));
    }

    [DockerFact(Timeout = 180_000)]
    public async Task An_image_that_prints_a_line_on_stdout_before_initialize_fails_and_the_line_is_quoted()
    {
        await TestImages.EnsureBuiltAsync(TestImages.GarbageStdout);
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddProfile("garbage", new JsonObject { ["image"] = TestImages.GarbageStdout });
        var junit = Path.Combine(Path.GetDirectoryName(sandbox.ConfigPath)!, "garbage.xml");

        var result = await TestAsync(sandbox, profile, "--junit", junit);

        Assert.True(result.ExitCode == 1, result.ToString());
        const string message = "stdout line 1, before any response, is not JSON: \"Starting MCP server everything, please wait...\". " +
                               "A stdio MCP server must write only JSON-RPC messages to stdout (logs belong on stderr)";
        Assert.Contains($"  {profile} / protocol / stdout carries only JSON-RPC: {message}", result.Stdout, StringComparison.Ordinal);
        var failure = Assert.Single(XDocument.Load(junit).Descendants("failure"));
        Assert.StartsWith(message, (string)failure.Attribute("message")!, StringComparison.Ordinal);
        Assert.Equal("stdout carries only JSON-RPC", (string)failure.Parent!.Attribute("name")!);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
    }

    [DockerFact(Timeout = 60_000)]
    public async Task A_missing_image_fails_the_start_with_how_to_build_it_and_nothing_else_runs()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddProfile("missing", new JsonObject { ["image"] = "mcpshim-test/no-such-image:latest" });

        var result = await TestAsync(sandbox, profile);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(
            $"  {profile} / start / server started: image 'mcpshim-test/no-such-image:latest' is not present in docker. Build it",
            result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"FAILED ({profile}): 1 profile, 1 checks: 0 passed, 1 failed", result.Stdout, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task Testing_an_exec_profile_removes_the_warm_container_it_started_and_keeps_one_that_was_running()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("warm", mode: "exec", configure: p => p["command"] = new JsonArray("mcp-server-everything", "stdio"));

        var first = await TestAsync(sandbox, profile);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("container removed", first.Stdout, StringComparison.Ordinal);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));

        // A session leaves its warm container running; a test afterwards must not take it away.
        await using (var session = await sandbox.ConnectAsync(profile))
            Assert.Equal("Echo: warm", await session.EchoAsync("warm"));
        var warm = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
        var second = await TestAsync(sandbox, profile);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("was running before the test and keeps running", second.Stdout, StringComparison.Ordinal);
        Assert.Equal([warm], await ShimSandbox.ContainersOfAsync(profile));
    }

    [DockerFact(Timeout = 180_000)]
    public async Task Ctrl_C_during_a_run_removes_the_container_writes_the_report_and_exits_130()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        // The shell makes the server slow to answer, so SIGINT lands while mcpshim waits for initialize.
        var profile = sandbox.AddEverythingProfile("sigint", configure: p => p["command"] = new JsonArray("sh", "-c", "sleep 30; exec mcp-server-everything stdio"));
        var json = Path.Combine(Path.GetDirectoryName(sandbox.ConfigPath)!, "interrupted.json");

        await using var shim = RawShimProcess.Start(["test", profile, "--json", json], sandbox.Environment);
        var clock = Stopwatch.StartNew();
        while ((await ShimSandbox.ContainersOfAsync(profile)).Count == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the container never started; stderr:\n" + shim.Stderr);
            await Task.Delay(100);
        }

        var kill = await ProcessRunner.RunAsync("kill", [InterruptSignal.Name, shim.Pid.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(kill.Succeeded, kill.ToString());
        Assert.True(await shim.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"mcpshim test did not stop after kill {InterruptSignal.Name}; stderr:\n" + shim.Stderr);

        Assert.Equal(130, shim.ExitCode);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(report.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.Contains("interrupted", shim.Stderr, StringComparison.Ordinal);
    }

    private static JsonNode Smoke(string json) => JsonNode.Parse(json)!;

    private static Task<CommandResult> TestAsync(ShimSandbox sandbox, params string[] arguments) =>
        ProcessRunner.RunAsync(ShimBinary.Path, ["test", .. arguments], sandbox.Environment, timeout: RunTimeout);
}
