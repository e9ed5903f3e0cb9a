using System.Net.Sockets;
using System.Text.Json;
using McpShim.Json;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// The three Engine API calls of an exec (issue 2: one hop less than a <c>docker exec -i</c> child): create it, start
/// it attached over a hijacked connection, and inspect it for its exit code.
/// </summary>
internal static class EngineExecApi
{
    /// <summary>How long a single API call (not the exec stream) may take.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connects to <paramref name="endpoint"/>. Throws <see cref="SocketException"/> when it cannot: the caller then
    /// uses the CLI, whose errors say what is wrong.
    /// </summary>
    public static EngineApiConnection Connect(EngineApiEndpoint endpoint) => EngineApiConnection.Open(endpoint, TimeSpan.FromSeconds(5));

    /// <summary>Creates the exec; returns its id. Throws <see cref="EngineApiException"/> for an error status.</summary>
    public static string Create(EngineApiConnection connection, string container, ExecCreateRequest request)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ShimJsonContext.Default.ExecCreateRequest);
        var (head, response) = connection.Send("POST", $"/containers/{Uri.EscapeDataString(container)}/exec", body);
        if (head.Status != 201 && head.Status != 200)
            throw EngineApiException.From(head, response);
        var created = JsonSerializer.Deserialize(response, ShimJsonContext.Default.ExecCreateResponse);
        return created?.Id is { Length: > 0 } id ? id : throw new IOException("the engine created an exec but gave no id");
    }

    /// <summary>Starts the exec attached: from here on the connection is its stdin, and its multiplexed stdout and stderr.</summary>
    public static void Start(EngineApiConnection connection, string execId)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ExecStartRequest { Detach = false, Tty = false }, ShimJsonContext.Default.ExecStartRequest);
        var (head, response) = connection.Upgrade($"/exec/{Uri.EscapeDataString(execId)}/start", body);
        if (head.Status is not (101 or 200))
            throw EngineApiException.From(head, response);
    }

    /// <summary>Whether the exec still runs, and its exit code once it does not (one short-lived connection).</summary>
    public static ExecInspection Inspect(EngineApiEndpoint endpoint, string execId)
    {
        using var connection = EngineApiConnection.Open(endpoint, TimeSpan.FromSeconds(5));
        connection.SetTimeout(TimeSpan.FromSeconds(5));
        var (head, response) = connection.Send("GET", $"/exec/{Uri.EscapeDataString(execId)}/json", null);
        if (head.Status != 200)
            throw EngineApiException.From(head, response);
        return JsonSerializer.Deserialize(response, ShimJsonContext.Default.ExecInspection) ?? throw new IOException("the engine's exec inspection was empty");
    }

    /// <summary>
    /// Runs a short command in a container to its end (the warm container's sweep): no stdin, no stderr, its stdout
    /// and its exit code (null when the engine had not recorded one a moment after the output ended).
    /// </summary>
    public static (int? ExitCode, string Stdout) Run(EngineApiEndpoint endpoint, string container, string user, string[] command, TimeSpan timeout)
    {
        using var connection = EngineApiConnection.Open(endpoint, TimeSpan.FromSeconds(5));
        connection.SetTimeout(timeout);
        var id = Create(connection, container, new ExecCreateRequest { AttachStdin = false, AttachStderr = false, Cmd = command, Env = [], User = user });
        Start(connection, id);
        string stdout;
        using (var stderr = new StderrBuffer())
        using (var output = new ExecOutputStream(connection.Stream, connection.TakeBuffered(), stderr))
        using (var reader = new StreamReader(output))
            stdout = reader.ReadToEnd();

        for (var look = 0; look < 50; look++)
        {
            var inspection = Inspect(endpoint, id);
            if (!inspection.Running)
                return (inspection.ExitCode, stdout);
            Thread.Sleep(10);
        }

        return (null, stdout);
    }

    /// <summary>An API error as the user should read it, worded like the CLI path's (<see cref="EngineProblems"/>).</summary>
    public static string Explain(string engine, EngineApiEndpoint endpoint, string container, EngineApiException error) => error.Status switch
    {
        404 => $"could not exec in the warm container '{container}': {error.EngineMessage}. It was removed while the " +
               "session started; retry (restart the MCP client) and mcpshim creates it again.",
        409 => $"could not exec in the warm container '{container}': {error.EngineMessage}. Start it with " +
               $"'{engine} start {container}', or remove it with '{engine} rm -f {container}' to have it recreated, then retry.",
        _ => EngineProblems.ExplainApi(engine, "exec", endpoint, error, image: null),
    };
}
