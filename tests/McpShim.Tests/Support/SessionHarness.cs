using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using McpShim.Audit;
using McpShim.Containers;
using McpShim.Profiles;
using McpShim.Relay;

namespace McpShim.Tests.Support;

/// <summary>
/// Runs a <see cref="RelaySession"/> in this process against a real child (the fake MCP server, local mode), with
/// in-memory pipes standing in for the client's stdin and stdout.
/// </summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly Pipe _toShim = new();
    private readonly Pipe _fromShim = new(new PipeOptions(pauseWriterThreshold: 0));
    private readonly LockedMemoryStream _diagnostics = new();
    private readonly Stream _clientOut;
    private readonly FrameReader _clientReader;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, JsonElement> _earlyResponses = [];

    /// <param name="sandbox">The host sandbox a sandboxed local profile uses; null for this machine's.</param>
    public SessionHarness(ResolvedProfile profile, McpShim.Platform.IHostSandbox? sandbox = null)
    {
        Profile = profile with { AuditPath = _temp.File("audit.jsonl") };
        AuditLog = new AuditLog(Profile.AuditPath, Logger);
        var identity = new SessionIdentity("test-session", Profile.Name, "tester", Profile.Image);
        var audit = new AuditRecorder(AuditLog, identity, Profile.AuditArguments);
        var streams = new RelayStreams(_toShim.Reader.AsStream(), _fromShim.Writer.AsStream(), _diagnostics);
        _clientOut = _toShim.Writer.AsStream();
        _clientReader = new FrameReader(_fromShim.Reader.AsStream(), 1L << 30);
        var launcher = new LocalLauncher(Profile, Logger, sandbox);
        Completion = Task.Run(async () =>
        {
            try
            {
                return await new RelaySession(Profile, launcher, audit, streams, Logger).RunAsync(_shutdown.Token);
            }
            finally
            {
                await _fromShim.Writer.CompleteAsync();
            }
        });
    }

    public ResolvedProfile Profile { get; }

    public ListLogger Logger { get; } = new();

    public AuditLog AuditLog { get; }

    public Task<int> Completion { get; }

    public string Diagnostics => _diagnostics.Text;

    public static SessionHarness ForFakeServer(params string[] serverArguments) =>
        ForFakeServer(p => p, serverArguments);

    public static SessionHarness ForFakeServer(Func<ResolvedProfile, ResolvedProfile> adjust, params string[] serverArguments) =>
        new(adjust(new ResolvedProfile
        {
            Name = "fake",
            Source = "test",
            Mode = ProfileMode.Local,
            Command = [RepoPaths.FakeServer, .. serverArguments],
            AuditPath = "unset",
            Grace = TimeSpan.FromMilliseconds(500),
        }));

    public async Task SendAsync(string frame)
    {
        await _clientOut.WriteAsync(Encoding.UTF8.GetBytes(frame + "\n"));
        await _clientOut.FlushAsync();
    }

    public Task SendRequestAsync(object id, string method, string paramsJson = "{}") =>
        SendAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{JsonSerializer.Serialize(id, TestJson.Default.Object)},\"method\":\"{method}\",\"params\":{paramsJson}}}");

    /// <summary>The next frame the client receives, as text; null when the shim closed stdout.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan? timeout = null)
    {
        var read = Task.Run(() => _clientReader.TryRead(out var item) ? Encoding.UTF8.GetString(item.Bytes) : null);
        if (await Task.WhenAny(read, Task.Delay(timeout ?? DefaultTimeout)) != read)
            throw new TimeoutException("no frame from mcpshim within " + (timeout ?? DefaultTimeout) + "; stderr:\n" + Diagnostics + "\nlog:\n" + string.Join('\n', Logger.Lines));
        return await read;
    }

    /// <summary>
    /// Receives frames until one is the response with this id; the frames before it are returned too. Responses to
    /// other ids met on the way are also kept for a later call, so concurrent requests may be answered in any order.
    /// </summary>
    public async Task<(JsonElement Response, List<JsonElement> Before)> ReceiveResponseAsync(object id)
    {
        var before = new List<JsonElement>();
        var rawId = JsonSerializer.Serialize(id, TestJson.Default.Object);
        if (_earlyResponses.Remove(rawId, out var early))
            return (early, before);
        while (true)
        {
            var frame = await ReceiveAsync() ?? throw new InvalidOperationException("mcpshim closed stdout before answering " + rawId + "; stderr:\n" + Diagnostics);
            var element = JsonDocument.Parse(frame).RootElement.Clone();
            if (element.TryGetProperty("id", out var got) && !element.TryGetProperty("method", out _))
            {
                if (got.GetRawText() == rawId)
                    return (element, before);
                _earlyResponses[got.GetRawText()] = element;
            }

            before.Add(element);
        }
    }

    public void CloseClientInput() => _toShim.Writer.Complete();

    public void Signal() => _shutdown.Cancel();

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        if (await Task.WhenAny(Completion, Task.Delay(timeout ?? DefaultTimeout)) != Completion)
            throw new TimeoutException("the session did not end; stderr:\n" + Diagnostics);
        return await Completion;
    }

    public List<JsonElement> AuditLines() =>
        File.Exists(Profile.AuditPath)
            ? File.ReadAllLines(Profile.AuditPath).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        CloseClientInput();
        await Task.WhenAny(Completion, Task.Delay(DefaultTimeout));
        _shutdown.Dispose();
        AuditLog.Dispose();
        _temp.Dispose();
    }
}
