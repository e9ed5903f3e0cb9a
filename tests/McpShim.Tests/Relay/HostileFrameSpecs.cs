using System.Text.Json;
using McpShim.Policy;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

/// <summary>
/// Frames that readers could read differently from mcpshim (issue 13), sent by a hostile client to the fake server
/// through a real session, with and without a tool policy. Each is refused: the client gets one error that names the
/// reason, no byte of the frame reaches the server (the fake server answers everything it gets, so a second answer
/// would show it), and the audit has a <c>frame.refused</c> line and no <c>tools/call</c> line.
/// </summary>
public sealed class HostileFrameSpecs
{
    private const string Call = "\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}";

    public static TheoryData<string, string, string> Frames => new()
    {
        { "late duplicate method", """{"jsonrpc":"2.0","id":5,"method":"ping","params":{"pad":"PAD"},"method":"tools/call","params":{"name":"echo","arguments":{"message":"x"}}}""", "duplicate_key" },
        { "escaped duplicate", """{"jsonrpc":"2.0","id":5,"method":"ping","\u006dethod":"tools/call","params":{"name":"echo"}}""", "duplicate_key" },
        { "case duplicate", """{"jsonrpc":"2.0","id":5,"method":"ping","Method":"tools/call","params":{"name":"echo"}}""", "duplicate_key" },
        { "duplicate tool name", """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":{"message":"a"},"name":"store"}}""", "duplicate_key" },
        { "bare CR", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}\r{\"jsonrpc\":\"2.0\",\"id\":6," + Call + "}", "bare_cr" },
        { "second value", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"} {\"id\":6," + Call + "}", "trailing_data" },
        { "deep _meta", "{\"id\":5," + Call[..^1] + ",\"_meta\":" + new string('[', 300) + new string(']', 300) + "}}", "depth" },
        { "fraction id", "{\"id\":5.0," + Call + "}", "id_form" },
        { "exponent id", "{\"id\":5e0," + Call + "}", "id_form" },
        { "escaped string id", "{\"id\":\"\\u0035\"," + Call + "}", "id_form" },
        { "null id", "{\"id\":null," + Call + "}", "id_form" },
        { "unsafe integer id", "{\"id\":9007199254740993," + Call + "}", "id_form" },
        { "lone surrogate", """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo\ud800"}}""", "invalid_json" },
        { "call without id", "{" + Call + "}", "not_jsonrpc" },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Frames))]
    public async Task Without_a_policy_an_ambiguous_frame_is_refused_and_never_reaches_the_server(string what, string frame, string reason)
    {
        using var temp = new TempFolder();
        var received = temp.File("received.jsonl");
        await RefusedAsync(SessionHarness.ForFakeServer("--frames", received), what, Pad(frame), reason, received);
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Frames))]
    public async Task Under_a_policy_an_ambiguous_frame_is_refused_and_never_reaches_the_server(string what, string frame, string reason)
    {
        using var temp = new TempFolder();
        var received = temp.File("received.jsonl");
        var policy = new ToolPolicy { PinsFile = "/nonexistent/pins.json", Source = "test", Deny = [new ToolNameGlob("store")] };
        await RefusedAsync(SessionHarness.ForFakeServer(p => p with { Policy = policy }, "--store-tool", "--frames", received), what, Pad(frame), reason, received);
    }

    private static string Pad(string frame) => frame.Replace("PAD", new string('p', 300_000), StringComparison.Ordinal);

    [Fact(Timeout = 30_000)]
    public async Task A_refused_frame_in_a_burst_leaves_the_frames_around_it_in_order()
    {
        await using var session = SessionHarness.ForFakeServer();
        var burst = string.Join("\n",
            """{"jsonrpc":"2.0","id":1,"method":"ping"}""",
            """{"jsonrpc":"2.0","id":2,"method":"ping","method":"tools/call"}""",
            """{"jsonrpc":"2.0","id":3,"method":"ping"}""");

        await session.SendAsync(burst);
        var (first, _) = await session.ReceiveResponseAsync(1);
        var (refused, _) = await session.ReceiveResponseAsync(2);
        var (third, _) = await session.ReceiveResponseAsync(3);

        Assert.True(first.TryGetProperty("result", out _));
        Assert.Equal("duplicate_key", refused.GetProperty("error").GetProperty("data").GetProperty("reason").GetString());
        Assert.True(third.TryGetProperty("result", out _));
    }

    private static async Task RefusedAsync(SessionHarness harness, string what, string frame, string reason, string received)
    {
        await using var session = harness;

        await session.SendAsync(frame);
        await session.SendRequestAsync("after", "ping");
        var (pong, before) = await session.ReceiveResponseAsync("after");
        session.CloseClientInput();
        await session.WaitForExitAsync();

        Assert.True(pong.TryGetProperty("result", out _), what);
        // One frame came before the pong: mcpshim's error. The server answering the frame would make two.
        var error = Assert.Single(before.Concat(await LateFramesAsync(session)), f => !f.TryGetProperty("method", out _));
        Assert.Equal(reason, error.GetProperty("error").GetProperty("data").GetProperty("reason").GetString());
        var audit = session.AuditLines();
        Assert.DoesNotContain(audit, l => l.GetProperty("event").GetString() == "tools/call");
        var refused = Assert.Single(audit, l => l.GetProperty("event").GetString() == "frame.refused");
        Assert.Equal(reason, refused.GetProperty("reason").GetString());
        // What the server read, byte for byte: the pong's ping alone.
        Assert.Equal(["""{"jsonrpc":"2.0","id":"after","method":"ping","params":{}}"""], File.ReadAllLines(received));
    }

    /// <summary>Answers keyed to ids other than the pong's, kept aside by the harness; none is expected.</summary>
    private static async Task<List<JsonElement>> LateFramesAsync(SessionHarness session)
    {
        var late = new List<JsonElement>();
        while (await session.ReceiveAsync(TimeSpan.FromMilliseconds(300)) is { } frame)
            late.Add(JsonDocument.Parse(frame).RootElement.Clone());
        return late;
    }
}
