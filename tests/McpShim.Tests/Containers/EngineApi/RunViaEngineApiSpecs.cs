using System.Net.Sockets;
using System.Text;
using McpShim.Containers;
using McpShim.Profiles;
using McpShim.Tests.Support;
using static McpShim.Tests.Containers.EngineApi.MultiplexedFrames;

namespace McpShim.Tests.Containers.EngineApi;

/// <summary>
/// Issue 14: a run-mode session's container is made over the Engine API from typed JSON, attached to before it
/// starts, and its exit code comes from a wait; the engine CLI (a recording script here) is never run.
/// </summary>
public sealed class RunViaEngineApiSpecs : IDisposable
{
    private const string Image = "ghcr.io/acme/server:1";
    private const string Id = "c0ffee0123456789abcdef";

    private readonly FakeDockerCli _docker = new();
    private readonly ListLogger _logger = new();
    private readonly SessionInfo _session = new("abc123abc123", "alice", "1000", "box", Environment.ProcessId, null);

    [UnixFact(Timeout = 20_000)]
    public async Task A_run_session_creates_attaches_waits_and_starts_over_the_API_and_relays_the_server()
    {
        var stdinClosed = new ManualResetEventSlim();
        using var engine = new FakeEngine((request, connection) => Behave(request, connection, stdinClosed));
        var cli = _docker.Cli(engine.Endpoint.SocketPath!);
        var profile = new ResolvedProfile
        {
            Name = "acme", Source = "test", Mode = ProfileMode.Run, Image = Image, Engine = cli.Engine, AuditPath = "/tmp/audit.jsonl",
            Command = ["node", "server.js", "--stdio"], Env = [new("API_KEY", "s3cret")],
        };
        var launcher = new RunLauncher(profile, _session, cli, _logger);

        using var process = await launcher.StartAsync(CancellationToken.None);
        var stderr = Task.Run(() => new StreamReader(process.Error).ReadToEnd());
        process.Input.Write("{\"id\":1}\n"u8);
        var reader = new StreamReader(process.Output);
        Assert.Equal("echo {\"id\":1}", await reader.ReadLineAsync());
        process.CloseInput();
        Assert.Null(await reader.ReadLineAsync());

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(5)), "the exit was not noticed");
        Assert.Equal(3, process.ExitCode);
        Assert.Equal("server starting\n", await stderr.WaitAsync(TimeSpan.FromSeconds(5)));
        await launcher.CleanupAsync();

        var requests = engine.Requests.Select(r => r.RequestLine.Split(' ')[0] + " " + r.RequestLine.Split(' ')[1].Split('?')[0]).ToList();
        Assert.Equal(
            [
                $"GET /images/{Image}/json",
                "POST /containers/create",
                $"POST /containers/{Id}/attach",
                $"POST /containers/{Id}/wait",
                $"POST /containers/{Id}/start",
                $"DELETE /containers/mcpshim-acme-{_session.Id}",
            ],
            requests);
        var create = engine.Requests.Single(r => r.RequestLine.StartsWith("POST /containers/create", StringComparison.Ordinal));
        Assert.Contains($"name=mcpshim-acme-{_session.Id}", create.RequestLine);
        Assert.Contains("\"API_KEY=s3cret\"", create.Body); // in the body: never in any argv
        Assert.Contains("\"User\": \"65532:65532\"", create.Body); // the image's USER is the name "node": not used
        Assert.Contains("\"Entrypoint\": [\n    \"node\"\n  ]", create.Body);
        Assert.Contains("\"NetworkMode\": \"none\"", create.Body);
        Assert.Contains("\"CapDrop\": [\n      \"ALL\"\n    ]", create.Body);
        Assert.Contains("\"Memory\": 536870912", create.Body);
        Assert.Contains("\"StdinOnce\": true", create.Body);
        Assert.Contains("condition=removed", engine.Requests.Single(r => r.RequestLine.Contains("/wait", StringComparison.Ordinal)).RequestLine);
        Assert.Empty(_docker.Calls);
        Assert.Contains(_logger.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("USER 'node' is a name", StringComparison.Ordinal));
    }

    [UnixFact(Timeout = 20_000)]
    public async Task An_image_the_engine_does_not_have_gets_the_CLI_path_s_message()
    {
        using var engine = new FakeEngine((request, connection) =>
        {
            if (request.RequestLine.StartsWith("GET /images/", StringComparison.Ordinal))
                FakeEngine.Answer(connection, 200, "OK", SampleDocuments.Image);
            else
                FakeEngine.Answer(connection, 404, "Not Found", $$"""{"message":"No such image: {{Image}}"}""");
            return true;
        });
        var cli = _docker.Cli(engine.Endpoint.SocketPath!);
        var profile = new ResolvedProfile { Name = "acme", Source = "test", Mode = ProfileMode.Run, Image = Image, Engine = cli.Engine, AuditPath = "/tmp/audit.jsonl" };

        var error = await Assert.ThrowsAsync<StartupException>(() => new RunLauncher(profile, _session, cli, _logger).StartAsync(CancellationToken.None));

        Assert.Contains($"image '{Image}' is not present", error.Message);
        Assert.Empty(_docker.Calls);
    }

    public void Dispose() => _docker.Dispose();

    private static bool Behave(FakeEngineRequest request, Socket connection, ManualResetEventSlim stdinClosed)
    {
        var line = request.RequestLine;
        if (line.StartsWith("GET /images/", StringComparison.Ordinal))
        {
            FakeEngine.Answer(connection, 200, "OK", SampleDocuments.Image);
        }
        else if (line.StartsWith("POST /containers/create", StringComparison.Ordinal))
        {
            FakeEngine.Answer(connection, 201, "Created", $$"""{"Id":"{{Id}}","Warnings":[]}""");
        }
        else if (line.StartsWith($"POST /containers/{Id}/attach", StringComparison.Ordinal))
        {
            connection.Send([.. "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"u8,
                             .. Frame(Stderr, "server starting\n")]);
            var input = new StringBuilder();
            var buffer = new byte[4096];
            int n;
            while ((n = connection.Receive(buffer)) > 0)
            {
                input.Append(Encoding.UTF8.GetString(buffer, 0, n));
                while (input.ToString().IndexOf('\n', StringComparison.Ordinal) is var end and >= 0)
                {
                    connection.Send(Frame(Stdout, "echo " + input.ToString()[..(end + 1)]));
                    input.Remove(0, end + 1);
                }
            }

            stdinClosed.Set();
            return false;
        }
        else if (line.StartsWith($"POST /containers/{Id}/wait", StringComparison.Ordinal))
        {
            // The head at once, the body at the exit: as dockerd answers a wait.
            connection.Send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"u8);
            stdinClosed.Wait(TimeSpan.FromSeconds(10));
            const string body = """{"Error":null,"StatusCode":3}""";
            connection.Send(Encoding.ASCII.GetBytes($"{body.Length:x}\r\n{body}\r\n0\r\n\r\n"));
        }
        else if (line.StartsWith($"POST /containers/{Id}/start", StringComparison.Ordinal))
        {
            connection.Send("HTTP/1.1 204 No Content\r\n\r\n"u8);
        }
        else
        {
            connection.Send("HTTP/1.1 204 No Content\r\n\r\n"u8);
        }

        return true;
    }
}
