using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 15: real peers of both MCP eras through the published binary. The client is the official C# SDK
/// (ModelContextProtocol 2.4.0, this test process), which prefers 2026-07-28, probes with <c>server/discover</c> and
/// falls back to <c>initialize</c>, or speaks 2025-11-25 when told to. The servers are tests/McpShim.SdkServer (the
/// same SDK, both eras, local mode) and server-everything (TypeScript SDK, 2025-11-25, in its container).
/// <c>write_file</c> is behind <c>confirm</c>: in 2026-07-28 the approval is a Multi Round-Trip Request, in
/// 2025-11-25 mcpshim's own <c>elicitation/create</c>. Claude Code's probe is replayed byte for byte.
/// </summary>
public sealed class ProtocolEraSpecs
{
    /// <summary>Claude Code 2.1.328's first frame to every stdio server (issue 15): a string id, the era in _meta.</summary>
    private const string ClaudeCodeProbe =
        """{"jsonrpc":"2.0","id":"server-discover-probe-1","method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"claude-code","version":"2.1.328"},"io.modelcontextprotocol/clientCapabilities":{"roots":{},"elicitation":{}}}}}""";

    private static readonly TimeSpan AuditWait = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 90_000)]
    public async Task A_2026_07_28_client_reaches_a_2026_07_28_server_and_a_confirm_listed_call_runs_once_the_user_accepts()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var (profile, calls) = SdkServerProfile(sandbox);
        var asked = new ConcurrentQueue<string>();
        var answers = new ConcurrentQueue<string>(["accept", "decline"]);

        await using (var session = await sandbox.ConnectAsync(profile, Answering(answers, asked)))
        {
            var echoed = await session.Client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "hello" });
            var written = await session.Client.CallToolAsync("write_file", new Dictionary<string, object?> { ["message"] = "approved" });
            var declined = await Record(() => session.Client.CallToolAsync("write_file", new Dictionary<string, object?> { ["message"] = "refused" }).AsTask());

            Assert.Equal("2026-07-28", session.Client.NegotiatedProtocolVersion);
            Assert.Equal("ran echo", ShimSession.TextOf(echoed));
            Assert.Equal("ran write_file", ShimSession.TextOf(written));
            Assert.Contains("the user declined the call of tool 'write_file'", declined, StringComparison.Ordinal);
            Assert.Equal(2, asked.Count);
            Assert.All(asked, q => Assert.Contains($"mcpshim (profile '{profile}') asks before this tool runs: write_file", q, StringComparison.Ordinal));
        }

        // The server ran write_file once: the approved retry; neither the question nor the declined call reached it.
        Assert.Equal(["echo", "write_file"], ReadCalls(calls));
        var records = await sandbox.Audit.WaitForEventAsync("session.end", AuditWait);
        var protocol = Assert.Single(records, r => Str(r, "event") == "session.protocol");
        Assert.Equal(("2026-07-28", "2026-07-28", "differential-csharp-sdk"), (Str(protocol, "era"), Str(protocol, "protocolVersion"), Str(protocol.GetProperty("server"), "name")));
        var lines = records.Where(r => Str(r, "event") == "tools/call" && Str(r, "tool") == "write_file").Select(r => (Str(r, "outcome"), Str(r, "confirmation"))).ToList();
        Assert.Equal([("input_required", "asked"), ("ok", "accept"), ("input_required", "asked"), ("denied", "decline")], lines);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_2025_11_25_client_reaches_a_2026_07_28_server_and_is_asked_the_old_way()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var (profile, calls) = SdkServerProfile(sandbox);
        var asked = new ConcurrentQueue<string>();
        var options = Answering(new ConcurrentQueue<string>(["accept"]), asked);
        options.ProtocolVersion = "2025-11-25";

        await using (var session = await sandbox.ConnectAsync(profile, options))
        {
            var written = await session.Client.CallToolAsync("write_file", new Dictionary<string, object?> { ["message"] = "x" });

            Assert.Equal("2025-11-25", session.Client.NegotiatedProtocolVersion);
            Assert.Equal("ran write_file", ShimSession.TextOf(written));
            Assert.Contains("asks before this tool runs: write_file", Assert.Single(asked), StringComparison.Ordinal);
        }

        Assert.Equal(["write_file"], ReadCalls(calls));
        var records = await sandbox.Audit.WaitForEventAsync("session.end", AuditWait);
        var protocol = Assert.Single(records, r => Str(r, "event") == "session.protocol");
        Assert.Equal(("2025-11-25", "initialize"), (Str(protocol, "era"), Str(protocol, "learnedFrom")));
        var call = Assert.Single(records, r => Str(r, "event") == "tools/call");
        Assert.True(call.GetProperty("confirmed").GetBoolean());
    }

    [DockerFact(Timeout = 120_000)]
    public async Task A_2026_07_28_client_reaches_server_everything_by_falling_back_to_initialize()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("fallback", configure: p => p["policy"] = JsonNode.Parse("""{"confirm":["echo"],"validateArguments":true}"""));
        var asked = new ConcurrentQueue<string>();

        await using (var session = await sandbox.ConnectAsync(profile, Answering(new ConcurrentQueue<string>(["accept"]), asked)))
        {
            var echoed = await session.EchoAsync("across eras");
            var invalid = await session.Client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = "one", ["b"] = 2 });

            // The SDK asked for 2026-07-28 first; server-everything knows only the handshake, so that is what was agreed.
            Assert.Equal("2025-11-25", session.Client.NegotiatedProtocolVersion);
            Assert.Equal("Echo: across eras", echoed);
            Assert.Single(asked);
            Assert.True(invalid.IsError);
            Assert.Contains("$.a: type: expected number, got string", ShimSession.TextOf(invalid), StringComparison.Ordinal);
        }

        var records = await sandbox.Audit.WaitForEventAsync("session.end", AuditWait);
        var protocol = Assert.Single(records, r => Str(r, "event") == "session.protocol");
        Assert.Equal(("2025-11-25", "initialize"), (Str(protocol, "era"), Str(protocol, "learnedFrom")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Claude_Codes_probe_reaches_a_2025_11_25_server_byte_for_byte_and_the_fallback_to_initialize_works()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var records = RecordsFolder(sandbox);
        var frames = Path.Combine(records, "frames.jsonl");
        var profile = sandbox.AddProfile("probe", new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(FakeServerBinary.Path, "--frames", frames),
            ["volumes"] = new JsonArray(new JsonObject { ["host"] = records, ["readOnly"] = false }),
            ["policy"] = JsonNode.Parse("""{"validateArguments":true}"""),
        });
        await using var shim = RawShimProcess.Start([profile], sandbox.Environment);

        await shim.SendAsync(ClaudeCodeProbe);
        var probeAnswer = await shim.ReadLineContainingAsync("server-discover-probe-1", TimeSpan.FromSeconds(20));
        await shim.SendAsync("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{},"elicitation":{}},"clientInfo":{"name":"claude-code","version":"2.1.328"}}}""");
        var initialized = await shim.ReadLineContainingAsync("\"id\":0", TimeSpan.FromSeconds(20));
        await shim.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await shim.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"after the fallback"}}}""");
        var echoed = await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(20));
        shim.CloseInput();
        Assert.True(await shim.WaitForExitAsync(TimeSpan.FromSeconds(20)), shim.Stderr);

        // The server got the probe exactly as Claude Code wrote it, and Claude Code got -32601 under its string id.
        Assert.Equal(ClaudeCodeProbe, File.ReadLines(frames).First());
        using var answer = JsonDocument.Parse(probeAnswer);
        Assert.Equal("server-discover-probe-1", answer.RootElement.GetProperty("id").GetString());
        Assert.Equal(-32601, answer.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("\"protocolVersion\":\"2025-11-25\"", initialized, StringComparison.Ordinal);
        Assert.Contains("after the fallback", echoed, StringComparison.Ordinal);

        var audit = sandbox.Audit.ReadRecords();
        var protocol = Assert.Single(audit, r => Str(r, "event") == "session.protocol");
        Assert.Equal(("2025-11-25", "initialize"), (Str(protocol, "era"), Str(protocol, "learnedFrom")));
        Assert.Equal(("claude-code", "2.1.328"), (Str(protocol.GetProperty("client"), "name"), Str(protocol.GetProperty("client"), "version")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Claude_Codes_probe_reaches_a_2026_07_28_server_byte_for_byte_and_the_session_stays_stateless()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var (profile, calls) = SdkServerProfile(sandbox);
        await using var shim = RawShimProcess.Start([profile], sandbox.Environment);
        const string meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"claude-code\",\"version\":\"2.1.328\"},\"io.modelcontextprotocol/clientCapabilities\":{}}";

        await shim.SendAsync(ClaudeCodeProbe);
        var discovered = await shim.ReadLineContainingAsync("server-discover-probe-1", TimeSpan.FromSeconds(20));
        await shim.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"m\"}," + meta + "}}");
        var echoed = await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(20));
        shim.CloseInput();
        Assert.True(await shim.WaitForExitAsync(TimeSpan.FromSeconds(20)), shim.Stderr);

        using var result = JsonDocument.Parse(discovered);
        Assert.Equal("server-discover-probe-1", result.RootElement.GetProperty("id").GetString());
        Assert.Contains("2026-07-28", result.RootElement.GetProperty("result").GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("ran echo", echoed, StringComparison.Ordinal);
        Assert.Equal(["echo"], ReadCalls(calls));
        var records = sandbox.Audit.ReadRecords();
        var protocol = Assert.Single(records, r => Str(r, "event") == "session.protocol");
        Assert.Equal(("2026-07-28", "server/discover"), (Str(protocol, "era"), Str(protocol, "learnedFrom")));
        Assert.Equal("claude-code", Str(protocol.GetProperty("client"), "name"));
    }

    [Fact(Timeout = 90_000)]
    public async Task Mcpshim_test_checks_the_sdk_server_in_the_2026_07_28_era()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var (profile, _) = SdkServerProfile(sandbox);
        var junit = Path.Combine(sandbox.Folder, "sdk.xml");

        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["test", profile, "--junit", junit], sandbox.Environment, timeout: TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"(?m)^{profile} +protocol +server/discover +pass +\d+ +protocol 2026-07-28 \(supported: [^)]*2026-07-28", result.Stdout);
        Assert.Matches($@"(?m)^{profile} +protocol +resultType present +pass ", result.Stdout);
        Assert.Matches($@"(?m)^{profile} +protocol +no requests on stdout +pass ", result.Stdout);
        var era = System.Xml.Linq.XDocument.Load(junit).Descendants("property").Single(p => (string)p.Attribute("name")! == "era");
        Assert.Equal("2026-07-28", (string)era.Attribute("value")!);
    }

    /// <summary>
    /// A folder the sandboxed server may write what it read to: a read-write volume, inside the allowed roots, beside
    /// (not holding) the profiles file.
    /// </summary>
    private static string RecordsFolder(ShimSandbox sandbox)
    {
        var records = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "records")).FullName;
        sandbox.SetTopLevel("allowedRoots", new JsonArray(records));
        return records;
    }

    /// <summary>A local profile running tests/McpShim.SdkServer with write_file behind confirm; the file of calls it ran.</summary>
    private static (string Profile, string Calls) SdkServerProfile(ShimSandbox sandbox)
    {
        var records = RecordsFolder(sandbox);
        var calls = Path.Combine(records, "calls.jsonl");
        var profile = sandbox.AddProfile("sdk", new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(ReaderServer.CSharpSdkServerPath),
            ["volumes"] = new JsonArray(new JsonObject { ["host"] = records, ["readOnly"] = false }),
            ["env"] = new JsonObject { [ReaderServer.CallsVariable] = calls },
            ["policy"] = JsonNode.Parse("""{"confirm":["write_file"],"validateArguments":true}"""),
        });
        return (profile, calls);
    }

    /// <summary>The user: answers mcpshim's questions in order from <paramref name="answers"/>, noting each question.</summary>
    private static McpClientOptions Answering(ConcurrentQueue<string> answers, ConcurrentQueue<string> asked) => new()
    {
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Enqueue(request?.Message ?? string.Empty);
                return ValueTask.FromResult(new ElicitResult { Action = answers.TryDequeue(out var action) ? action : "cancel" });
            },
        },
    };

    private static async Task<string> Record(Func<Task> call)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(call);
        return refused.Message;
    }

    private static List<string> ReadCalls(string path) => File.Exists(path)
        ? File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("tool").GetString()!).ToList()
        : [];

    private static string? Str(JsonElement record, string property) =>
        record.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
