using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// Exec mode without a <c>docker exec -i</c> child: mcpshim creates and starts the exec over the Engine API and relays
/// over the hijacked connection (issue 2). Every spec checks mcpshim's own debug line, so none can pass on the CLI path.
/// </summary>
public sealed class ExecViaEngineApiSpecs
{
    private const string ViaApi = "exec via engine API at unix:///var/run/docker.sock";

    [DockerFact(Timeout = 180_000)]
    public async Task I_can_use_a_server_exec_d_over_the_Engine_API_with_the_SDK_client_10_MB_included_and_the_warm_container_is_reused()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("api", mode: "exec");
        var message = string.Create(EverythingImage.LargestEchoChars, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = i % 1000 == 999 ? '€' : (char)('a' + (i % 26));
        });

        var stderr = new ConcurrentQueue<string>();
        string warm;
        await using (var session = await sandbox.ConnectAsync(profile, stderr: stderr, shimOptions: ["-v"]))
        {
            Assert.Equal("mcp-servers/everything", session.Client.ServerInfo?.Name);
            Assert.Contains("echo", (await session.Client.ListToolsAsync()).Select(t => t.Name));
            Assert.Equal("Echo: over the API", await session.EchoAsync("over the API"));
            var reply = await session.EchoAsync(message);
            Assert.True(reply == "Echo: " + message, $"the 10 MB echo came back altered ({reply.Length} chars)");
            Assert.Equal("Echo: still alive", await session.EchoAsync("still alive"));
            warm = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
        }

        Assert.Contains(stderr, line => line.Contains(ViaApi, StringComparison.Ordinal));
        var second = new ConcurrentQueue<string>();
        await using (var session = await sandbox.ConnectAsync(profile, stderr: second, shimOptions: ["-v"]))
            Assert.Equal("Echo: again", await session.EchoAsync("again"));
        Assert.Contains(second, line => line.Contains(ViaApi, StringComparison.Ordinal));
        Assert.Equal(warm, Assert.Single(await ShimSandbox.ContainersOfAsync(profile)));
    }

    [DockerFact(Timeout = 120_000)]
    public async Task A_crashing_server_s_stderr_reaches_mcpshim_s_stderr_and_its_exit_code_reaches_the_client()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("api-crash", mode: "exec", p => p["command"] = new JsonArray(
            "node", "-e", "process.stderr.write('boom on stderr\\n'); process.stdin.once('data', () => process.exit(7));"));

        await using var shim = RawShimProcess.Start(["-v", "--config", sandbox.ConfigPath, profile], sandbox.Environment);
        await shim.SendAsync(JsonRpcFrames.Initialize);
        var answer = await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(60));

        Assert.Contains("\"error\"", answer);
        Assert.Contains("exited with code 7", answer);
        Assert.Contains("boom on stderr", answer);
        Assert.True(await shim.WaitForExitAsync(TimeSpan.FromSeconds(20)), "mcpshim did not exit after its server did");
        Assert.Equal(7, shim.ExitCode);
        Assert.Contains($"[{profile}] boom on stderr", shim.Stderr);
        Assert.Contains(ViaApi, shim.Stderr);
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Killing_mcpshim_with_SIGKILL_leaves_no_server_process_in_the_warm_container()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("api-kill9", mode: "exec");

        await using var shim = RawShimProcess.Start(["-v", "--config", sandbox.ConfigPath, profile], sandbox.Environment);
        await shim.SendAsync(JsonRpcFrames.Initialize);
        Assert.Contains("\"result\"", await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(60)));
        Assert.Contains(ViaApi, shim.Stderr);
        var warm = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
        Assert.Equal(1, await SessionProcessesAsync(warm));

        var kill = await ProcessRunner.RunAsync("kill", ["-9", shim.Pid.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(kill.Succeeded, kill.ToString());
        Assert.True(await shim.WaitForExitAsync(TimeSpan.FromSeconds(5)), "mcpshim survived kill -9");

        // The connection closes with mcpshim; the engine closes the exec's stdin, and the server exits on EOF.
        var clock = Stopwatch.StartNew();
        while (await SessionProcessesAsync(warm) > 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
                Assert.Fail($"the server was still running in {warm} 10 s after kill -9 of mcpshim. mcpshim stderr:\n{shim.Stderr}");
            await Task.Delay(250);
        }
    }

    [DockerFact(Timeout = 120_000)]
    public async Task MCPSHIM_EXEC_VIA_cli_still_goes_through_a_docker_exec_child()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("api-cli", mode: "exec");

        var stderr = new ConcurrentQueue<string>();
        await using (var session = await sandbox.ConnectAsync(
            profile, stderr: stderr, shimOptions: ["-v"], environment: new Dictionary<string, string?> { ["MCPSHIM_EXEC_VIA"] = "cli" }))
        {
            Assert.Equal("Echo: via the CLI", await session.EchoAsync("via the CLI"));
        }

        Assert.Contains(stderr, line => line.Contains("exec via the docker CLI: MCPSHIM_EXEC_VIA=cli", StringComparison.Ordinal));
        Assert.DoesNotContain(stderr, line => line.Contains("exec via engine API", StringComparison.Ordinal));
    }

    [DockerFact(Timeout = 180_000)]
    public async Task A_second_session_starts_its_server_without_running_the_engine_CLI_at_all()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        // The profile's engine is a wrapper named docker (so the API rules apply) that records every call it gets.
        var realDocker = (await ProcessRunner.RunAsync("sh", ["-c", "command -v docker"])).Stdout.Trim();
        var bin = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "bin")).FullName;
        var calls = Path.Combine(sandbox.Folder, "engine-calls.txt");
        var wrapper = Path.Combine(bin, "docker");
        File.WriteAllText(wrapper, $"#!/bin/sh\necho \"$*\" >> '{calls}'\nexec '{realDocker}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        var profile = sandbox.AddEverythingProfile("api-nocli", mode: "exec", p => p["engine"] = wrapper);
        string[] Calls() => File.Exists(calls) ? File.ReadAllLines(calls) : [];

        await using (var first = await sandbox.ConnectAsync(profile))
            Assert.Equal("Echo: first", await first.EchoAsync("first"));
        // The first session creates the warm container on the CLI: proof that the wrapper is the engine mcpshim runs.
        Assert.Contains(Calls(), call => call.StartsWith("run ", StringComparison.Ordinal));
        var afterFirst = Calls().Length;

        var stderr = new ConcurrentQueue<string>();
        await using (var second = await sandbox.ConnectAsync(profile, stderr: stderr, shimOptions: ["-v"]))
        {
            Assert.Equal("Echo: second", await second.EchoAsync("second"));
            var during = Calls().Skip(afterFirst).ToList();
            Assert.True(during.Count == 0, $"the second session ran the engine CLI: {string.Join(" | ", during)}");
        }

        Assert.Contains(stderr, line => line.Contains(ViaApi, StringComparison.Ordinal));
        Assert.DoesNotContain(stderr, line => line.Contains("via the " + wrapper + " CLI", StringComparison.Ordinal));
    }

    /// <summary>
    /// Processes in the container that carry an mcpshim session marker (what each session's server has), looked for as
    /// the server's user: the container's own runs only its keep-alive, and may not read the server's environment.
    /// </summary>
    private static async Task<int> SessionProcessesAsync(string container)
    {
        var count = await Docker.RunCheckedAsync(
            "exec", "-u", "65532:65532", container, "sh", "-c",
            "n=0; for p in /proc/[0-9]*; do if tr '\\0' '\\n' < $p/environ 2>/dev/null | grep -q '^MCPSHIM_SESSION='; then n=$((n+1)); fi; done; echo $n");
        return int.Parse(count.Trim(), CultureInfo.InvariantCulture);
    }
}
