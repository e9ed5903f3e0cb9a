using System.Net.Sockets;
using System.Text;
using McpShim.Containers.EngineApi;
using McpShim.Tests.Support;
using static McpShim.Tests.Containers.EngineApi.MultiplexedFrames;

namespace McpShim.Tests.Containers.EngineApi;

/// <summary>A server started over the Engine API, against a fake engine on a Unix socket that behaves like dockerd.</summary>
public sealed class EngineExecProcessSpecs
{
    private const string Container = "mcpshim-memory-alice";
    private const string ExecId = "e0f1e2d3c4b5a69788";

    [Fact(Timeout = 20_000)]
    public async Task I_can_talk_to_a_server_over_the_hijacked_connection_and_get_its_stderr_and_exit_code()
    {
        var inspections = 0;
        using var engine = new FakeEngine((request, connection) =>
        {
            if (request.Is("POST", $"/containers/{Container}/exec"))
            {
                FakeEngine.Answer(connection, 201, "Created", $$"""{"Id":"{{ExecId}}"}""");
                return true;
            }

            if (request.Is("POST", $"/exec/{ExecId}/start"))
            {
                // The head and the first frame in one write, as dockerd may: the reader must not lose what follows the head.
                connection.Send([.. "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"u8,
                                 .. Frame(Stderr, "server starting\n")]);
                EchoUntilStdinCloses(connection);
                return false;
            }

            // The exit is recorded a moment after the stream closes: the first look still says it runs.
            var running = Interlocked.Increment(ref inspections) == 1;
            var state = running ? "\"Running\":true,\"ExitCode\":null" : "\"Running\":false,\"ExitCode\":3";
            FakeEngine.Answer(connection, 200, "OK", "{\"ID\":\"" + ExecId + "\"," + state + ",\"Pid\":4242,\"ProcessConfig\":{}}", chunked: true);
            return true;
        });

        using var process = Start(engine, new ExecCreateRequest { Cmd = ["node", "server.js"], Env = ["API_KEY=s3cret", "MCPSHIM_SESSION=abc"] });
        var stderr = Task.Run(() => new StreamReader(process.Error).ReadToEnd());
        process.Input.Write("{\"id\":1}\n"u8);

        var reader = new StreamReader(process.Output);
        Assert.Equal("echo {\"id\":1}", await reader.ReadLineAsync());
        process.CloseInput();
        Assert.Equal("bye", await reader.ReadLineAsync());
        Assert.Null(await reader.ReadLineAsync());

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(5)), "the exit was not noticed");
        Assert.Equal(3, process.ExitCode);
        Assert.Equal("server starting\nclosing\n", await stderr.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.StartsWith("exec e0f1e2d3c4b5 in " + Container, process.Description);

        var requests = engine.Requests.ToList();
        var create = requests.Single(r => r.Is("POST", $"/containers/{Container}/exec"));
        Assert.Contains("\"Env\"", create.Body);
        Assert.Contains("API_KEY=s3cret", create.Body); // in the body: never in any argv
        Assert.Contains("\"AttachStdin\": true", create.Body);
        Assert.Contains("\"Tty\": false", create.Body);
        var start = requests.Single(r => r.Is("POST", $"/exec/{ExecId}/start"));
        Assert.Contains("Upgrade: tcp", start.Headers);
        Assert.Contains("Connection: Upgrade", start.Headers);
        Assert.Contains("\"Detach\": false", start.Body);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_server_whose_output_nobody_reads_any_more_is_seen_to_exit_after_its_stdin_closes()
    {
        var stdinClosed = new ManualResetEventSlim();
        using var engine = new FakeEngine((request, connection) =>
        {
            if (request.Is("POST", $"/containers/{Container}/exec"))
            {
                FakeEngine.Answer(connection, 201, "Created", $$"""{"Id":"{{ExecId}}"}""");
                return true;
            }

            if (request.RequestLine.StartsWith("POST /exec/", StringComparison.Ordinal))
            {
                connection.Send("HTTP/1.1 101 UPGRADED\r\n\r\n"u8);
                while (connection.Receive(new byte[256]) > 0)
                {
                }

                stdinClosed.Set();
                Thread.Sleep(500); // an exec that keeps its stdout open for a while: only inspecting tells it has exited
                return false;
            }

            FakeEngine.Answer(connection, 200, "OK", stdinClosed.IsSet ? """{"Running":false,"ExitCode":0,"Pid":7}""" : """{"Running":true,"ExitCode":null,"Pid":7}""");
            return true;
        });

        using var process = Start(engine, new ExecCreateRequest { Cmd = ["srv"], Env = [] });
        Assert.False(await process.WaitForExitAsync(TimeSpan.FromMilliseconds(300)));

        process.CloseInput();

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(5)), "closing stdin did not lead to the exit being noticed");
        Assert.Equal(0, process.ExitCode);
    }

    [Theory]
    [InlineData(404, "No such container: mcpshim-memory-alice", "retry")]
    [InlineData(409, "Container 5f3e is not running", "docker start mcpshim-memory-alice")]
    [InlineData(500, "OCI runtime exec failed: unable to start container process", "docker info")]
    public void An_error_from_the_engine_is_explained_with_its_message_and_a_fix(int status, string message, string fix)
    {
        using var engine = new FakeEngine((_, connection) =>
        {
            FakeEngine.Answer(connection, status, "Error", $$"""{"message":"{{message}}"}""", chunked: status == 500);
            return true;
        });
        using var connection = EngineExecApi.Connect(engine.Endpoint);

        var error = Assert.Throws<EngineApiException>(() => EngineExecApi.Create(connection, Container, new ExecCreateRequest { Cmd = ["srv"], Env = [] }));
        var explained = EngineExecApi.Explain("docker", engine.Endpoint, Container, error);

        Assert.Equal(status, error.Status);
        Assert.Contains(message, explained);
        Assert.Contains(fix, explained);
    }

    [Fact]
    public void A_socket_with_no_engine_behind_it_fails_to_connect_so_the_CLI_can_take_over()
    {
        using var folder = new TempFolder();

        Assert.ThrowsAny<SocketException>(() => EngineExecApi.Connect(new EngineApiEndpoint(folder.File("missing.sock"), null, 0)));
    }

    private static EngineExecProcess Start(FakeEngine engine, ExecCreateRequest request)
    {
        var connection = EngineExecApi.Connect(engine.Endpoint);
        var id = EngineExecApi.Create(connection, Container, request);
        EngineExecApi.Start(connection, id);
        return new EngineExecProcess(engine.Endpoint, connection, id, Container);
    }

    /// <summary>Answers each stdin line as a stdout frame; at stdin EOF says goodbye on both streams and closes.</summary>
    private static void EchoUntilStdinCloses(Socket connection)
    {
        var buffer = new byte[4096];
        var line = new StringBuilder();
        int n;
        while ((n = connection.Receive(buffer)) > 0)
        {
            line.Append(Encoding.UTF8.GetString(buffer, 0, n));
            var text = line.ToString();
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            if (end >= 0)
            {
                connection.Send(Frame(Stdout, "echo " + text[..(end + 1)]));
                line.Remove(0, end + 1);
            }
        }

        connection.Send(Concat(Frame(Stderr, "closing\n"), Frame(Stdout, "bye\n")));
        connection.Shutdown(SocketShutdown.Both);
    }
}
