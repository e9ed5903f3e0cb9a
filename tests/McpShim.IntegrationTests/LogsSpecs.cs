using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// <c>mcpshim logs</c> (issue 6): the server's stderr, from the live run container while a session runs, and from the
/// copy the last session kept once its container is gone (run) or for a server exec'd into the warm container.
/// </summary>
public sealed class LogsSpecs
{
    /// <summary>What the everything server writes to stderr when it starts.</summary>
    private const string StartupLine = "Starting default (STDIO) server...";

    /// <summary>The everything image's CMD (images/everything/Dockerfile).</summary>
    private static readonly string[] EverythingCommand =
        ["node", "/opt/mcp/everything/node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"];

    [DockerFact(Timeout = 180_000)]
    public async Task I_can_read_a_run_mode_servers_stderr_while_its_session_runs_and_after_it_ended()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("logs-run");
        var environment = WithStateFolder(sandbox);

        await using (var session = await ShimSession.ConnectAsync(profile, environment))
        {
            Assert.Equal("Echo: hi", await session.EchoAsync("hi"));
            var live = await LogsAsync(environment, profile);
            Assert.True(live.ExitCode == 0, live.ToString());
            Assert.Contains(StartupLine, live.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("jsonrpc", live.Stdout, StringComparison.Ordinal); // the container's stdout is the protocol, not a log
            Assert.Contains("stderr of the live session's container", live.Stderr, StringComparison.Ordinal);
        }

        var kept = await LogsAsync(environment, profile);

        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Equal(StartupLine, kept.Stdout.Trim());
        Assert.Contains($"profile {profile}, session ", kept.Stderr, StringComparison.Ordinal);
        Assert.Contains("run mode", kept.Stderr, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task A_secret_the_server_prints_on_stderr_is_redacted_in_the_live_log_too()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var value = "tok-" + Guid.NewGuid().ToString("N");
        var secrets = Path.Combine(sandbox.Folder, "secrets.env");
        File.WriteAllText(secrets, $"MCPSHIM_IT_TOKEN={value}\n");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        sandbox.SetTopLevel("secretsFile", secrets);
        var profile = sandbox.AddEverythingProfile("logs-secret", configure: p =>
        {
            p["secrets"] = new JsonArray("MCPSHIM_IT_TOKEN");
            // A careless server: it logs its token, then serves as usual.
            p["command"] = new JsonArray("sh", "-c", $"echo \"token $MCPSHIM_IT_TOKEN\" >&2; exec {string.Join(' ', EverythingCommand)}");
        });
        var environment = WithStateFolder(sandbox);

        CommandResult live;
        await using (var session = await ShimSession.ConnectAsync(profile, environment))
        {
            Assert.Equal("Echo: hi", await session.EchoAsync("hi"));
            live = await LogsAsync(environment, profile);
        }

        var kept = await LogsAsync(environment, profile);

        Assert.True(live.ExitCode == 0, live.ToString());
        Assert.Contains("stderr of the live session's container", live.Stderr, StringComparison.Ordinal);
        Assert.Contains("token [redacted:MCPSHIM_IT_TOKEN]", live.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(value, live.Stdout + live.Stderr, StringComparison.Ordinal);
        Assert.Contains("token [redacted:MCPSHIM_IT_TOKEN]", kept.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(value, kept.Stdout + kept.Stderr, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task When_the_secret_came_from_the_clients_environment_the_live_log_gives_way_to_the_redacted_kept_copy()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var value = "tok-" + Guid.NewGuid().ToString("N");
        var profile = sandbox.AddEverythingProfile("logs-env-secret", configure: p =>
        {
            p["secrets"] = new JsonArray("MCPSHIM_IT_TOKEN");
            p["command"] = new JsonArray("sh", "-c", $"echo \"token $MCPSHIM_IT_TOKEN\" >&2; exec {string.Join(' ', EverythingCommand)}");
        });
        var environment = WithStateFolder(sandbox);
        var clientEnvironment = new Dictionary<string, string?>(environment) { ["MCPSHIM_IT_TOKEN"] = value };

        CommandResult live;
        await using (var session = await ShimSession.ConnectAsync(profile, clientEnvironment))
        {
            Assert.Equal("Echo: hi", await session.EchoAsync("hi"));
            live = await LogsAsync(environment, profile); // a terminal without the client's environment
        }

        Assert.True(live.ExitCode == 0, live.ToString());
        Assert.Contains("secrets could not be resolved here", live.Stderr, StringComparison.Ordinal);
        Assert.Contains("token [redacted:MCPSHIM_IT_TOKEN]", live.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(value, live.Stdout + live.Stderr, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task I_can_read_the_last_exec_mode_sessions_stderr()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("logs-exec", mode: "exec");
        var environment = WithStateFolder(sandbox);
        await using (var session = await ShimSession.ConnectAsync(profile, environment))
            Assert.Equal("Echo: hi", await session.EchoAsync("hi"));

        var logs = await LogsAsync(environment, profile);

        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal(StartupLine, logs.Stdout.Trim());
        Assert.Contains($"exec mode, image {EverythingImage.Name}", logs.Stderr, StringComparison.Ordinal);
        Assert.Contains($"container mcpshim-{profile}-", logs.Stderr, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 60_000)]
    public async Task Asking_for_the_logs_of_a_profile_that_never_ran_says_where_they_will_be()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var profile = sandbox.AddEverythingProfile("logs-none");
        var environment = WithStateFolder(sandbox);

        var logs = await LogsAsync(environment, profile);

        Assert.Equal(1, logs.ExitCode);
        Assert.Equal(string.Empty, logs.Stdout);
        Assert.Contains($"profile '{profile}' has no server stderr yet", logs.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(sandbox.Folder, "state", "mcpshim", "logs", profile + ".log"), logs.Stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> WithStateFolder(ShimSandbox sandbox) =>
        new(sandbox.Environment) { ["XDG_STATE_HOME"] = Path.Combine(sandbox.Folder, "state") };

    private static Task<CommandResult> LogsAsync(IReadOnlyDictionary<string, string?> environment, string profile) =>
        ProcessRunner.RunAsync(ShimBinary.Path, ["logs", profile], environment, timeout: TimeSpan.FromSeconds(60));
}
