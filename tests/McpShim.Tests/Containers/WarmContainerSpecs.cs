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
        _docker.Answer("swept");

        await warm.LeaveAsync(_ => throw new InvalidOperationException("the last session sweeps instead"));

        Assert.StartsWith($"exec -u 1000:1000 {WarmName} sh -c k=65534", Assert.Single(_docker.Calls, c => c.StartsWith("exec", StringComparison.Ordinal)));
        Assert.DoesNotContain(_docker.Calls, c => c.StartsWith("restart", StringComparison.Ordinal));
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
        Assert.Empty(_docker.Calls);
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_sweep_that_leaves_a_process_it_cannot_end_restarts_the_container()
    {
        using var engine = Missing();
        var warm = Warm(engine);
        await EnterAsync(warm, Secret("v"));
        _docker.Reset();
        _docker.Answer("left 42:0");

        await warm.LeaveAsync(_ => Task.CompletedTask);

        Assert.Contains($"restart --time 0 {WarmName}", _docker.Calls);
        Assert.Contains(_logger.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("left 42:0", StringComparison.Ordinal));
    }

    [UnixFact(Timeout = 20_000)]
    public async Task The_lease_of_a_killed_session_makes_the_next_session_sweep_before_it_enters()
    {
        var label = await LabelOfANewWarmContainerAsync(Secret("v"));
        LeaseOf(4_194_000, "1", "killed123456");
        using var engine = Running(label);
        _docker.Answer("swept");

        Assert.True(await EnterAsync(Warm(engine, session: "next12345678"), Secret("v")));

        Assert.StartsWith($"exec -u 1000:1000 {WarmName} sh -c k=65534", Assert.Single(_docker.Calls, c => c.StartsWith("exec", StringComparison.Ordinal)));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(_state.Path, "warm", WarmName)), f => f.EndsWith("killed123456", StringComparison.Ordinal));
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

    private static FakeEngine Running(string label) => new((request, connection) =>
    {
        FakeEngine.Answer(connection, 200, "OK", SampleDocuments.RunningContainer(ownerUid: "1000", config: label));
        return true;
    });

    private static FakeEngine Missing() => new((request, connection) =>
    {
        FakeEngine.Answer(connection, 404, "Not Found", """{"message":"No such container"}""");
        return true;
    });

    private void LeaseOf(int pid, string? stamp, string session)
    {
        var folder = Path.Combine(_state.Path, "warm", WarmName);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, $"{pid.ToString(CultureInfo.InvariantCulture)}-{stamp}.{session}"), []);
    }

    private WarmContainer Warm(FakeEngine engine, string? session = null)
    {
        var cli = _docker.Cli(engine.Endpoint.SocketPath!);
        var profile = new ResolvedProfile { Name = "memory", Source = "test", Mode = ProfileMode.Exec, Image = Image, Engine = cli.Engine, AuditPath = "/tmp/audit.jsonl" };
        return new WarmContainer(profile, session is null ? _session : _session with { Id = session }, cli, _logger, _state.Path);
    }

    private static Task<bool> EnterAsync(WarmContainer warm, IReadOnlyList<SecretValue> secrets) =>
        warm.EnterAsync("1000:1000", "sha256:c70b", ContainerExtras.Plan(new ResolvedProfile { Name = "memory", Source = "test", Mode = ProfileMode.Exec, AuditPath = "x" }, secrets, WarmName, keepFiles: true), secrets, CancellationToken.None);

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
