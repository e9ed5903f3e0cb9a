using McpShim.Containers;
using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers.EngineApi;

/// <summary>
/// A session's start asks the Engine API, not the engine CLI, for the image, the warm container's state and orphans;
/// the CLI (a recording script here) is asked only when the API cannot be reached or does not answer like an engine.
/// </summary>
public sealed class SessionStartViaEngineApiSpecs : IDisposable
{
    private const string Image = "ghcr.io/acme/server:1";
    private const string WarmName = "mcpshim-memory-alice";

    private readonly FakeDockerCli _docker = new();
    private readonly ListLogger _logger = new();
    private readonly TempFolder _state = new();
    private readonly SessionInfo _session = new("abc123abc123", "alice", "1000", "box", Environment.ProcessId, null);

    [UnixFact]
    public async Task I_get_the_image_inspection_from_the_API_with_no_CLI_call()
    {
        using var engine = Answering(200, SampleDocuments.Image);

        var image = await ImageInspector.InspectAsync(Cli(engine), Image, _logger, CancellationToken.None);

        Assert.Equal("node", image.Config?.User);
        Assert.Equal(["node", "dist/index.js", "stdio"], image.Config?.Cmd ?? []);
        Assert.True(Assert.Single(engine.Requests).Is("GET", $"/images/{Image}/json"));
        Assert.Empty(_docker.Calls);
    }

    [UnixFact]
    public async Task A_missing_image_gets_the_same_message_and_fix_as_on_the_CLI_path()
    {
        using var engine = Answering(404, $$"""{"message":"No such image: {{Image}}"}""");
        var cli = Cli(engine);
        var cliPath = EngineProblems.Explain(cli.Engine, "image inspect", new EngineResult(1, "", $"Error response from daemon: No such image: {Image}"), Image);

        var error = await Assert.ThrowsAsync<StartupException>(() => ImageInspector.InspectAsync(cli, Image, _logger, CancellationToken.None));

        Assert.Equal(cliPath, error.Message);
        Assert.Contains($"pull {Image}", error.Message);
        Assert.Empty(_docker.Calls);
    }

    [UnixFact]
    public async Task Another_engine_error_is_reported_with_its_status_and_words_not_retried_on_the_CLI()
    {
        using var engine = Answering(500, """{"message":"layer does not exist"}""");
        var cli = Cli(engine);

        var error = await Assert.ThrowsAsync<StartupException>(() => ImageInspector.InspectAsync(cli, Image, _logger, CancellationToken.None));

        Assert.Equal(
            $"'{cli.Engine} image inspect' through the Engine API at unix://{engine.Endpoint.SocketPath} failed with HTTP 500: layer does not exist. " +
            $"Check that the engine is healthy ('{cli.Engine} info'), or set MCPSHIM_EXEC_VIA=cli to go through the {cli.Engine} CLI.",
            error.Message);
        Assert.Empty(_docker.Calls);
    }

    [UnixFact]
    public async Task A_garbled_answer_sends_the_inspection_to_the_CLI_and_the_rest_of_the_session_with_it()
    {
        using var engine = Answering(200, "<html>not an engine</html>");
        var cli = Cli(engine);
        _docker.Answer("""{"Id":"sha256:from-the-cli","Config":{"User":"app"}}""");

        var image = await ImageInspector.InspectAsync(cli, Image, _logger, CancellationToken.None);

        Assert.Equal("sha256:from-the-cli", image.Id);
        Assert.Equal(["image inspect --format {{json .}} " + Image], _docker.Calls);
        Assert.Contains(_logger.Lines, l => l.StartsWith($"Debug: image inspect via the {cli.Engine} CLI: the Engine API at unix://", StringComparison.Ordinal) &&
                                            l.Contains("is not usable", StringComparison.Ordinal));
        var (endpoint, reason) = cli.ApiEndpoint();
        Assert.Null(endpoint);
        Assert.Contains("is not usable", reason);
    }

    [UnixFact]
    public async Task An_engine_socket_that_is_not_there_sends_the_inspection_to_the_CLI_silently()
    {
        using var folder = new TempFolder();
        var cli = _docker.Cli(folder.File("no-engine.sock"));
        _docker.Answer("""{"Id":"sha256:from-the-cli"}""");

        var image = await ImageInspector.InspectAsync(cli, Image, _logger, CancellationToken.None);

        Assert.Equal("sha256:from-the-cli", image.Id);
        Assert.Single(_docker.Calls);
        Assert.DoesNotContain(_logger.Lines, l => !l.StartsWith("Debug:", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task A_running_warm_container_made_as_the_profile_says_is_entered_after_one_API_call()
    {
        var label = await LabelOfANewWarmContainerAsync();
        using var engine = Answering(200, SampleDocuments.RunningContainer(ownerUid: "1000", config: label));

        Assert.True(await EnterAsync(Warm(engine)));

        Assert.True(Assert.Single(engine.Requests).Is("GET", $"/containers/{WarmName}/json"));
        Assert.Empty(_docker.Calls);
    }

    [UnixFact]
    public async Task A_warm_container_of_another_user_is_refused_as_on_the_CLI_path()
    {
        using var engine = Answering(200, SampleDocuments.RunningContainer(ownerUid: "1001", config: "x"));

        var error = await Assert.ThrowsAsync<StartupException>(() => EnterAsync(Warm(engine)));

        Assert.Contains($"refusing to use the warm container '{WarmName}': it belongs to uid 1001", error.Message);
        Assert.Empty(_docker.Calls);
    }

    [UnixFact]
    public async Task A_missing_warm_container_the_engine_answers_404_for_is_created_with_docker_run()
    {
        using var engine = Answering(404, $$"""{"message":"No such container: {{WarmName}}"}""");

        Assert.True(await EnterAsync(Warm(engine)));

        var run = Assert.Single(_docker.Calls);
        Assert.StartsWith("run ", run);
        Assert.Contains($"--name {WarmName}", run);
        Assert.EndsWith($"--entrypoint sleep {Image} infinity", run);
    }

    [UnixFact]
    public async Task A_stopped_warm_container_is_started_on_the_CLI_and_waited_for_over_the_API()
    {
        var label = await LabelOfANewWarmContainerAsync();
        var looks = 0;
        using var engine = new FakeEngine((request, connection) =>
        {
            var running = Interlocked.Increment(ref looks) > 2;
            FakeEngine.Answer(connection, 200, "OK", SampleDocuments.RunningContainer("1000", label, running));
            return true;
        });

        Assert.True(await EnterAsync(Warm(engine)));

        Assert.Equal([$"start {WarmName}"], _docker.Calls);
        Assert.Equal(3, engine.Requests.Count);
    }

    [UnixFact]
    public async Task A_garbled_container_answer_sends_the_state_check_to_docker_container_inspect()
    {
        var label = await LabelOfANewWarmContainerAsync();
        using var engine = Answering(200, "{\"State\":");
        _docker.Answer($"true|{label}|1000|box");

        Assert.True(await EnterAsync(Warm(engine)));

        Assert.True(Assert.Single(engine.Requests).Is("GET", $"/containers/{WarmName}/json"));
        Assert.StartsWith("container inspect --format ", Assert.Single(_docker.Calls));
        Assert.Contains(_logger.Lines, l => l.StartsWith("Debug: container inspect via the", StringComparison.Ordinal) && l.Contains("is not usable", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task The_orphan_scan_lists_over_the_API_and_removes_a_dead_owner_s_container_on_the_CLI()
    {
        const int deadPid = 4_194_000;
        using var engine = Answering(200, $$$"""
            [{"Id":"dead0123","Names":["/mcpshim-memory-dead"],"Labels":{"io.mcpshim.owner.pid":"{{{deadPid}}}"}},
             {"Id":"mine4567","Names":["/mcpshim-memory-mine"],"Labels":{"io.mcpshim.owner.pid":"{{{Environment.ProcessId}}}"}},
             {"Id":"nopid890","Names":["/mcpshim-memory-nopid"],"Labels":{}}]
            """);

        await OrphanReaper.ReapAsync(Cli(engine), _session, _logger);

        Assert.Equal(["rm -f dead0123"], _docker.Calls);
        Assert.Contains(_logger.Lines, l => l.Contains("mcpshim-memory-dead", StringComparison.Ordinal) && !l.Contains("/mcpshim", StringComparison.Ordinal));
        var listing = Uri.UnescapeDataString(Assert.Single(engine.Requests).RequestLine);
        Assert.Contains("\"io.mcpshim.mode=run\"", listing);
        Assert.Contains("\"io.mcpshim.owner.uid=1000\"", listing);
        Assert.Contains("\"io.mcpshim.owner.host=box\"", listing);
    }

    public void Dispose()
    {
        _docker.Dispose();
        _state.Dispose();
    }

    private static FakeEngine Answering(int status, string json) => new((request, connection) =>
    {
        FakeEngine.Answer(connection, status, status == 200 ? "OK" : "Error", json);
        return true;
    });

    private EngineCli Cli(FakeEngine engine) => _docker.Cli(engine.Endpoint.SocketPath!);

    private WarmContainer Warm(FakeEngine engine)
    {
        var cli = Cli(engine);
        var profile = new ResolvedProfile { Name = "memory", Source = "test", Mode = ProfileMode.Exec, Image = Image, Engine = cli.Engine, AuditPath = "/tmp/audit.jsonl" };
        return new WarmContainer(profile, _session, cli, _logger, _state.Path);
    }

    private static MountPins NoMounts => MountPins.Take(new ResolvedProfile { Name = "memory", Source = "test", Mode = ProfileMode.Exec, AuditPath = "x" });

    private static Task<bool> EnterAsync(WarmContainer warm) =>
        warm.EnterAsync("1000:1000", "sha256:c70b", ContainerExtras.Plan(new ResolvedProfile { Name = "memory", Source = "test", Mode = ProfileMode.Exec, AuditPath = "x" }, [], WarmName, keepFiles: true), [], NoMounts, CancellationToken.None);

    /// <summary>The config label a session gives the warm container it creates (then the CLI's record is cleared).</summary>
    private async Task<string> LabelOfANewWarmContainerAsync()
    {
        using (var missing = Answering(404, """{"message":"No such container"}"""))
            await EnterAsync(Warm(missing));
        var label = System.Text.RegularExpressions.Regex.Match(Assert.Single(_docker.Calls), $@"--label {WarmContainer.ConfigLabel}=(\S+)").Groups[1].Value;
        _docker.Reset();
        return label;
    }
}
