using System.Text.Json;
using McpShim.Json;
using McpShim.Profiles;
using McpShim.Sandbox;
using McpShim.Smoke;
using McpShim.Tests.Support;

namespace McpShim.Tests.Smoke;

/// <summary>The smoke test against a real child process: the fake MCP server in local mode (no container).</summary>
public sealed class SmokeRunnerSpecs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [HostSandboxFact(Timeout = 60_000)]
    public async Task I_can_smoke_test_a_local_server_with_scripted_calls_and_every_check_passes()
    {
        var smoke = Smoke("""
            {"calls":[
              {"tool":"echo","arguments":{"message":"hi there"},"expect":{"contains":"hi there"}},
              {"tool":"fail","expect":{"isError":true}},
              {"tool":"echo","arguments":{"message":"again"}}
            ]}
            """);

        var report = await RunAsync(smoke);

        Assert.False(report.Failed, Describe(report));
        Assert.Equal(
            [
                "start/server started", "protocol/server/discover", "protocol/initialize", "protocol/tools/list", "protocol/resources/list", "protocol/prompts/list",
                "protocol/ping", "protocol/stdout carries only JSON-RPC", "calls/tools/call echo #1", "calls/tools/call fail",
                "calls/tools/call echo #2", "hardening/sandbox on", "hardening/home folder and ~/.ssh unreadable",
                "hardening/no writes outside its folders", "hardening/no TCP connection", "hardening/no Unix sockets (docker.sock, ssh-agent)",
                "hardening/no privilege gain, ptrace or namespaces", "stop/exits when stdin closes",
            ],
            report.Checks.Select(c => $"{c.Phase}/{c.Name}"));
        Assert.Equal(("fake-mcp-server", "1.0.0", ProtocolChecks.ProtocolVersion, 8), (report.ServerName, report.ServerVersion, report.ProtocolVersion, report.Tools));
        Assert.Equal("2025-11-25", report.Era);
        var discover = report.Checks.Single(c => c.Name == "server/discover");
        Assert.Equal((CheckStatus.Skip, "not offered (JSON-RPC error -32601: Method not found: server/discover): a 2025-11-25 server, checked with initialize"), (discover.Status, discover.Detail));
        Assert.Equal(CheckStatus.Skip, report.Checks.Single(c => c.Name == "resources/list").Status);
        Assert.All(report.Checks.Where(c => c.Phase == SmokePhase.Hardening), c => Assert.Equal(CheckStatus.Pass, c.Status));
        Assert.All(report.Checks.Where(c => c.Phase == SmokePhase.Calls), c => Assert.NotNull(c.DurationMs));
        Assert.Null(report.Image);
        Assert.StartsWith(RepoPaths.FakeServer, report.Command, StringComparison.Ordinal);
    }

    [HostSandboxFact(Timeout = 60_000)]
    public async Task A_line_that_is_not_JSON_RPC_on_stdout_fails_the_stdout_check_and_is_quoted()
    {
        var report = await RunAsync(null, "--garbage-stdout");

        var check = Assert.Single(report.Checks, c => c.Status == CheckStatus.Fail);
        Assert.Equal("stdout carries only JSON-RPC", check.Name);
        Assert.StartsWith("stdout line 1, before any response, is not JSON: \"this line is not JSON-RPC\".", check.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, report.Checks.Single(c => c.Name == "initialize").Status);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_dies_fails_initialize_with_its_exit_code_and_last_stderr_lines()
    {
        var report = await RunAsync(null, "--crash-after", "2"); // the 1st is the server/discover probe

        var initialize = report.Checks.Single(c => c.Name == "initialize");
        Assert.Equal(CheckStatus.Fail, initialize.Status);
        Assert.Equal(
            "the server closed its stdout before answering 'initialize' (exit code 3; last stderr lines: fake server: crashing after 2 requests)",
            initialize.Detail);
        Assert.All(report.Checks.Where(c => c.Phase == SmokePhase.Protocol && c.Name is not ("initialize" or "server/discover" or "stdout carries only JSON-RPC")),
            c => Assert.Equal((CheckStatus.Skip, "initialize failed"), (c.Status, c.Detail)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_answers_too_late_fails_with_the_timeout_and_is_still_stopped()
    {
        var report = await RunAsync(null, TimeSpan.FromSeconds(1), ["--delay-start", "20000"]);

        var initialize = report.Checks.Single(c => c.Name == "initialize");
        Assert.Equal("no answer to 'initialize' within 1 s (--timeout)", initialize.Detail);
        var stop = report.Checks.Single(c => c.Phase == SmokePhase.Stop);
        Assert.Equal(CheckStatus.Pass, stop.Status);
        Assert.StartsWith("did not exit within 0.5 s of its stdin closing", stop.Detail, StringComparison.Ordinal);
        Assert.True(report.DurationMs < 10_000, $"took {report.DurationMs} ms");
    }

    [HostSandboxFact(Timeout = 60_000)]
    public async Task I_can_smoke_test_a_2026_07_28_server_in_its_own_era()
    {
        using var temp = new TempFolder();
        var frames = temp.File("frames.jsonl");
        var smoke = Smoke("""{"calls":[{"tool":"echo","arguments":{"message":"stateless"},"expect":{"contains":"stateless"}}]}""");

        // The server records what it read in the test's folder: a read-write volume of its sandbox.
        var report = await RunAsync(smoke, Timeout, ["--stateless", "--frames", frames], writable: temp.Path);

        Assert.False(report.Failed, Describe(report));
        Assert.Equal(
            [
                "start/server started", "protocol/server/discover", "protocol/tools/list", "protocol/resources/list", "protocol/prompts/list",
                "protocol/ping", "protocol/resultType present", "protocol/no requests on stdout", "protocol/initialize (older clients)",
                "protocol/stdout carries only JSON-RPC", "calls/tools/call echo",
            ],
            report.Checks.Where(c => c.Phase is not (SmokePhase.Hardening or SmokePhase.Stop)).Select(c => $"{c.Phase}/{c.Name}"));
        Assert.Equal(("2026-07-28", "2026-07-28", "fake-mcp-server"), (report.Era, report.ProtocolVersion, report.ServerName));
        Assert.Equal("protocol 2026-07-28 (supported: 2026-07-28, 2025-11-25), server fake-mcp-server 1.0.0", report.Checks.Single(c => c.Name == "server/discover").Detail);
        Assert.Equal((CheckStatus.Skip, "ping is removed in 2026-07-28"), report.Checks.Single(c => c.Name == "ping") is var ping ? (ping.Status, ping.Detail) : default);

        // Every request but the last (initialize, for older clients) carried the era's _meta; nothing was a notification.
        var received = File.ReadAllLines(frames).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["server/discover", "tools/list", "tools/call", "initialize"], received.Select(f => f.GetProperty("method").GetString()));
        Assert.All(received.SkipLast(1), f => Assert.Equal("2026-07-28", f.GetProperty("params").GetProperty("_meta").GetProperty("io.modelcontextprotocol/protocolVersion").GetString()));
        Assert.Equal("stateless", received[2].GetProperty("params").GetProperty("arguments").GetProperty("message").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_2026_07_28_server_that_writes_a_request_or_leaves_out_resultType_fails_those_checks()
    {
        var smoke = Smoke("""{"calls":[{"tool":"echo","arguments":{"message":"hi"}}]}""");

        var report = await RunAsync(smoke, "--stateless-violations");

        var failed = report.Checks.Where(c => c.Status == CheckStatus.Fail).ToDictionary(c => c.Name, c => c.Detail);
        Assert.Equal(["resultType present", "no requests on stdout"], failed.Keys);
        Assert.StartsWith("the results of tools/call have no \"resultType\"", failed["resultType present"], StringComparison.Ordinal);
        Assert.StartsWith("the server sent roots/list as a request; a 2026-07-28 stdio server MUST NOT write requests to stdout", failed["no requests on stdout"], StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_scripted_call_to_a_missing_tool_or_written_wrong_says_how_to_fix_it()
    {
        var smoke = Smoke("""{"calls":[{"tool":"nope"},{"arguments":{}},{"tool":"echo","arguments":[1]}]}""");

        var report = await RunAsync(smoke);

        var calls = report.Checks.Where(c => c.Phase == SmokePhase.Calls).ToList();
        Assert.All(calls, c => Assert.Equal(CheckStatus.Fail, c.Status));
        Assert.StartsWith("the server has no tool 'nope' (tools/list: echo, big, fail,", calls[0].Detail, StringComparison.Ordinal);
        Assert.EndsWith("fix smoke.calls[0].tool", calls[0].Detail, StringComparison.Ordinal);
        Assert.Equal("smoke.calls[1] in fake's profile: \"tool\" is required, e.g. \"tool\": \"echo\"", calls[1].Detail);
        Assert.Equal("smoke.calls[2] in fake's profile: \"arguments\" is an array; it must be an object, e.g. {\"message\": \"hi\"}", calls[2].Detail);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_the_run_records_where_it_stopped_and_still_stops_the_server()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var report = await RunAsync(null, Timeout, ["--delay-start", "20000"], cancellationToken: cancel.Token);

        var interrupted = report.Checks.Single(c => c.Name == "interrupted");
        Assert.Equal((SmokePhase.Protocol, CheckStatus.Fail), (interrupted.Phase, interrupted.Status));
        Assert.Contains(report.Checks, c => c.Phase == SmokePhase.Stop && c.Status == CheckStatus.Pass);
        Assert.True(report.DurationMs < 10_000, $"took {report.DurationMs} ms");
    }

    private static Task<ProfileReport> RunAsync(SmokeSpec? smoke, params string[] serverArguments) =>
        RunAsync(smoke, Timeout, serverArguments);

    private static Task<ProfileReport> RunAsync(SmokeSpec? smoke, TimeSpan timeout, string[] serverArguments, string? writable = null, CancellationToken cancellationToken = default)
    {
        var profile = new ResolvedProfile
        {
            Name = "fake",
            Source = "test",
            Mode = ProfileMode.Local,
            Command = [RepoPaths.FakeServer, .. serverArguments],
            AuditPath = "unused",
            Grace = TimeSpan.FromMilliseconds(500),
            // As the resolver makes a local profile where the host can sandbox it (Windows cannot: README).
            Sandbox = OperatingSystem.IsLinux() ? SandboxSettings.On : SandboxSettings.Off,
            Volumes = writable is null ? [] : [new ResolvedVolume(writable, writable, ReadOnly: false)],
        };
        return new SmokeRunner(new SmokeOptions(timeout, Stream.Null), new ListLogger()).RunAsync(profile, smoke, cancellationToken);
    }

    private static SmokeSpec Smoke(string json) => JsonSerializer.Deserialize(json, ShimJsonContext.Default.SmokeSpec)!;

    private static string Describe(ProfileReport report) =>
        string.Join('\n', report.Checks.Select(c => $"{c.Phase}/{c.Name}: {c.Status} {c.Detail}"));
}
