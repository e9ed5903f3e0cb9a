using System.Globalization;
using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Secrets;
using McpShim.Tests.Containers.EngineApi;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

/// <summary>
/// Sessions enter and leave the warm container under a lock, with a lease each (issue 14): the last one out sweeps
/// it, and one made with other secrets, env, mounts, user or image is recreated only when no other session uses it.
/// The engine here is a fake Engine API for the state and a recording script for the CLI calls.
/// </summary>
public sealed class WarmContainerSpecs : IDisposable
{
    private const string Image = "ghcr.io/acme/server:1";
    private const string WarmName = "mcpshim-memory-alice";

    private readonly FakeDockerCli _docker = new();
    private readonly ListLogger _logger = new();
    private readonly TempFolder _state = new();
    private readonly SessionInfo _session = new("abc123abc123", "alice", "1000", "box", Environment.ProcessId, ProcessIdentity.StartStamp(Environment.ProcessId));

    [UnixFact(Timeout = 20_000)]
    public async Task A_warm_container_made_with_another_secret_is_recreated_when_no_other_session_uses_it()
    {
        var label = await LabelOfANewWarmContainerAsync(Secret("rotated-1"));
        using var engine = Running(label);

        Assert.True(await EnterAsync(Warm(engine), Secret("rotated-2")));

        Assert.Equal($"rm -f {WarmName}", _docker.Calls[0]);
        Assert.StartsWith("run ", _docker.Calls[1]);
        Assert.Contains(_logger.Lines, l => l.StartsWith("Information:", StringComparison.Ordinal) && l.Contains("recreating it", StringComparison.Ordinal));
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_warm_container_made_under_another_runtime_is_recreated_under_the_profile_s_runtime()
    {
        var label = await LabelOfANewWarmContainerAsync(Secret("same"));
        using var engine = Running(label);

        Assert.True(await EnterAsync(Warm(engine, runtime: "runsc"), Secret("same")));

        Assert.Equal($"rm -f {WarmName}", _docker.Calls[0]);
        Assert.Contains("--runtime runsc", _docker.Calls[1], StringComparison.Ordinal);
        Assert.Contains(engine.Requests, r => r.Is("GET", "/info"));
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_warm_container_made_as_the_profile_says_is_kept_with_the_same_secret()
    {
        var label = await LabelOfANewWarmContainerAsync(Secret("same"));
        using var engine = Running(label);

        Assert.True(await EnterAsync(Warm(engine), Secret("same")));

        Assert.Empty(_docker.Calls);
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_warm_container_made_otherwise_is_left_alone_while_another_live_session_uses_it()
    {
        var label = await LabelOfANewWarmContainerAsync(Secret("old"));
        LeaseOf(Environment.ProcessId, ProcessIdentity.StartStamp(Environment.ProcessId), "otherlive123");
        using var engine = Running(label);

        Assert.False(await EnterAsync(Warm(engine, session: "newcomer1234"), Secret("new")));

        Assert.Empty(_docker.Calls);
        Assert.Contains(_logger.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("1 other session(s) still use it", StringComparison.Ordinal));
    }

    [UnixFact(Timeout = 20_000)]
    public async Task The_last_session_to_leave_sweeps_the_warm_container_as_the_servers_user()
    {
        using var engine = Missing();
        var warm = Warm(engine);
        await EnterAsync(warm, Secret("v"));
        _docker.Reset();

        await warm.LeaveAsync(_ => throw new InvalidOperationException("the last session sweeps instead"));

        var sweep = SweepOf(engine);
        Assert.NotNull(sweep);
        Assert.Contains("\"User\": \"1000:1000\"", sweep);
        Assert.Contains("kill -9 -1", sweep);
        Assert.Contains("k=65534", sweep);
        Assert.Empty(_docker.Calls);
        Assert.Empty(Directory.GetFiles(Path.Combine(_state.Path, "warm", WarmName)));
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_session_leaving_while_another_is_live_stops_only_its_own_processes()
    {
        using var engine = Missing();
        var warm = Warm(engine);
        await EnterAsync(warm, Secret("v"));
        LeaseOf(Environment.ProcessId, ProcessIdentity.StartStamp(Environment.ProcessId), "otherlive123");
        _docker.Reset();
        string? stoppedAs = null;

        await warm.LeaveAsync(user =>
        {
            stoppedAs = user;
            return Task.CompletedTask;
        });

        Assert.Equal("1000:1000", stoppedAs);
        Assert.Null(SweepOf(engine));
        Assert.Empty(_docker.Calls);
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_sweep_that_leaves_a_process_it_cannot_end_restarts_the_container()
    {
        using var engine = Missing(sweep: "left 42:0\n");
        var warm = Warm(engine);
        await EnterAsync(warm, Secret("v"));
        _docker.Reset();

        await warm.LeaveAsync(_ => Task.CompletedTask);

        Assert.Equal([$"restart --time 0 {WarmName}"], _docker.Calls);
        Assert.Contains(_logger.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("left 42:0", StringComparison.Ordinal));
    }

    [UnixFact(Timeout = 20_000)]
    public async Task The_lease_of_a_killed_session_makes_the_next_session_sweep_before_it_enters()
    {
        var label = await LabelOfANewWarmContainerAsync(Secret("v"));
        LeaseOf(4_194_000, "1", "killed123456");
        using var engine = Running(label);

        Assert.True(await EnterAsync(Warm(engine, session: "next12345678"), Secret("v")));

        Assert.Contains("kill -9 -1", SweepOf(engine));
        Assert.Empty(_docker.Calls);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(_state.Path, "warm", WarmName)), f => f.EndsWith("killed123456", StringComparison.Ordinal));
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_session_entering_an_idle_warm_container_that_no_session_was_killed_in_does_not_sweep_it()
    {
        var label = await LabelOfANewWarmContainerAsync(Secret("v"));
        using var engine = Running(label);

        Assert.True(await EnterAsync(Warm(engine, session: "next12345678"), Secret("v")));

        Assert.Null(SweepOf(engine));
    }

    [Fact]
    public void The_keep_alive_never_runs_as_root_nor_as_the_servers_user()
    {
        foreach (var user in new[] { "65532:65532", "1000", "node", "65534", "65534:65534", "nobody", "0" })
        {
            var keepAlive = WarmContainer.KeepAliveUser(user);
            Assert.NotEqual(user.Split(':')[0], keepAlive.Split(':')[0]);
            Assert.False(HardeningFlags.IsRoot(keepAlive));
        }

        Assert.Equal("65533:65533", WarmContainer.KeepAliveUser("nobody"));
    }

    public void Dispose()
    {
        _docker.Dispose();
        _state.Dispose();
    }

    private static IReadOnlyList<SecretValue> Secret(string value) => [new SecretValue("API_KEY", value, "test")];

    private static FakeEngine Running(string label, string sweep = "swept\n") => Engine(SampleDocuments.RunningContainer(ownerUid: "1000", config: label), sweep);

    private static FakeEngine Missing(string sweep = "swept\n") => Engine(null, sweep);

    /// <summary>
    /// An engine with the warm container (or none), that runs the sweep as dockerd would: the exec is created, its
    /// stream carries <paramref name="sweep"/> as stdout and ends, and then it is seen to have exited.
    /// </summary>
    private static FakeEngine Engine(string? container, string sweep) => new((request, connection) =>
    {
        if (request.Is("POST", $"/containers/{WarmName}/exec"))
        {
            FakeEngine.Answer(connection, 201, "Created", """{"Id":"sweep0001"}""");
            return true;
        }

        if (request.Is("POST", "/exec/sweep0001/start"))
        {
            connection.Send([.. "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"u8,
                             .. MultiplexedFrames.Frame(MultiplexedFrames.Stdout, sweep)]);
            connection.Shutdown(System.Net.Sockets.SocketShutdown.Both);
            connection.Dispose();
            return false;
        }

        if (request.Is("GET", "/info"))
            FakeEngine.Answer(connection, 200, "OK", """{"Runtimes":{"runc":{"path":"runc"},"runsc":{"path":"/usr/bin/runsc"}},"DefaultRuntime":"runc"}""");
        else if (request.Is("GET", "/exec/sweep0001/json"))
            FakeEngine.Answer(connection, 200, "OK", """{"Running":false,"ExitCode":0,"Pid":7}""");
        else if (container is null)
            FakeEngine.Answer(connection, 404, "Not Found", """{"message":"No such container"}""");
        else
            FakeEngine.Answer(connection, 200, "OK", container);
        return true;
    });

    /// <summary>The body of the sweep's exec, as the engine got it; null when no sweep ran.</summary>
    private static string? SweepOf(FakeEngine engine) =>
        engine.Requests.FirstOrDefault(r => r.Is("POST", $"/containers/{WarmName}/exec"))?.Body;

    private void LeaseOf(int pid, string? stamp, string session)
    {
        var folder = Path.Combine(_state.Path, "warm", WarmName);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, $"{pid.ToString(CultureInfo.InvariantCulture)}-{stamp}.{session}"), []);
    }

    private WarmContainer Warm(FakeEngine engine, string? session = null, string? runtime = null)
    {
        var cli = _docker.Cli(engine.Endpoint.SocketPath!);
        var profile = new ResolvedProfile { Name = "memory", Source = "test", Mode = ProfileMode.Exec, Image = Image, Engine = cli.Engine, AuditPath = "/tmp/audit.jsonl", Runtime = runtime };
        return new WarmContainer(profile, session is null ? _session : _session with { Id = session }, cli, _logger, _state.Path);
    }

    private static MountPins NoMounts => MountPins.Take(new ResolvedProfile { Name = "memory", Source = "test", Mode = ProfileMode.Exec, AuditPath = "x" });

    private static Task<bool> EnterAsync(WarmContainer warm, IReadOnlyList<SecretValue> secrets) =>
        warm.EnterAsync("1000:1000", "sha256:c70b", ContainerExtras.Plan(new ResolvedProfile { Name = "memory", Source = "test", Mode = ProfileMode.Exec, AuditPath = "x" }, secrets, WarmName, keepFiles: true), secrets, NoMounts, CancellationToken.None);

    /// <summary>The config label a session gives the warm container it creates; its lease is given up and the CLI's record cleared.</summary>
    private async Task<string> LabelOfANewWarmContainerAsync(IReadOnlyList<SecretValue> secrets)
    {
        using (var missing = Missing())
            await EnterAsync(Warm(missing, session: "creator12345"), secrets);
        var label = System.Text.RegularExpressions.Regex.Match(Assert.Single(_docker.Calls), $@"--label {WarmContainer.ConfigLabel}=(\S+)").Groups[1].Value;
        foreach (var lease in Directory.GetFiles(Path.Combine(_state.Path, "warm", WarmName)))
            File.Delete(lease);
        _docker.Reset();
        return label;
    }
}
