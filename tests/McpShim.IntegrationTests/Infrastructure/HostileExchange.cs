using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Differential;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// One session of hostile client bytes through the published mcpshim into a real server in a <c>local</c> profile.
/// The bytes start with initialize and end with <see cref="LastCall"/>; stdin closes once that call is answered, so
/// everything before it reached the server (or was refused) first.
/// </summary>
internal static class HostileExchange
{
    public const string DeniedTool = "delete_all";
    public const int LastCallId = 99;

    /// <summary>A harmless call that must always run: the session and its framing survived the hostile frames.</summary>
    public static string LastCall => FrameBytes.Call(LastCallId.ToString(System.Globalization.CultureInfo.InvariantCulture), "echo", ""","arguments":{"message":"still here"}""");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    public static Task<HostileOutcome> RunAsync(string reader, byte[] hostileFrames, HostileOptions? options = null) =>
        RunAsync(ReaderServer.Named(reader).Command, hostileFrames, options);

    public static async Task<HostileOutcome> RunAsync(IReadOnlyList<string> server, byte[] hostileFrames, HostileOptions? options = null)
    {
        options ??= new HostileOptions();
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var calls = Path.Combine(sandbox.Folder, "calls.jsonl");
        var environment = new JsonObject { [ReaderServer.CallsVariable] = calls };
        foreach (var (variable, value) in options.ServerEnvironment)
            environment[variable] = value;
        var profile = new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(server.Select(part => (JsonNode)part).ToArray()),
            ["env"] = environment,
            ["maxFrameBytes"] = options.MaxFrameBytes,
            // The reader servers import their sibling modules and write what they read to the test's folder; these
            // specs are about the relay's reading, the host sandbox has its own (SandboxSpecs).
            ["unsafe"] = new JsonArray("unsandboxed"),
        };
        if (options.Policy)
            profile["policy"] = JsonNode.Parse($$$"""{"tools":{"deny":["{{{DeniedTool}}}"]}}""");
        var name = sandbox.AddProfile("differential", profile);

        var input = Concat(
            Encoding.UTF8.GetBytes(JsonRpcFrames.Initialize + "\n" + JsonRpcFrames.Initialized + "\n"),
            hostileFrames,
            Encoding.UTF8.GetBytes(LastCall + "\n"));
        var (stdout, stderr, exitCode) = await RawExchange.RunAsync(
            ["--config", sandbox.ConfigPath, name], sandbox.Environment, input, Timeout,
            settled: AnswersLastCall, settleTimeout: TimeSpan.FromSeconds(10));
        return new HostileOutcome(stdout, stderr, exitCode, sandbox.Audit.ReadRecords(), ReadCalls(calls));
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static bool AnswersLastCall(byte[] stdout)
    {
        var needle = Encoding.ASCII.GetBytes($"\"id\":{LastCallId}");
        var span = stdout.AsSpan();
        for (var at = span.IndexOf(needle); at >= 0; at = span.IndexOf(needle))
        {
            var next = at + needle.Length;
            if (next < span.Length && !char.IsAsciiDigit((char)span[next]))
                return true;
            span = span[(at + 1)..];
        }
        return false;
    }

    private static List<ExecutedCall> ReadCalls(string path)
    {
        if (!File.Exists(path))
            return [];
        var calls = new List<ExecutedCall>();
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            calls.Add(new ExecutedCall(root.GetProperty("reader").GetString()!, root.GetProperty("tool").GetString()!, RequestIdText.Of(root.GetProperty("id"))));
        }
        return calls;
    }
}
