using System.Text.Json;
using McpShim.Policy;
using McpShim.Tests.Support;

namespace McpShim.Tests.Policy;

/// <summary>
/// <c>policy.confirm</c> in a 2026-07-28 session (issue 15): mcpshim answers with an InputRequiredResult, the client
/// retries with the user's answer and mcpshim's token, and the call reaches the server once. The token is bound to
/// the session, the tool and the arguments, and is good once.
/// </summary>
public sealed class RetryApprovalSpecs : IDisposable
{
    private const string Meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"specs\",\"version\":\"1\"},\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task A_confirmed_call_is_asked_by_input_required_and_reaches_the_server_once_after_the_accepting_retry()
    {
        var received = _temp.File("received.jsonl");
        await using var session = Confirming("echo", received);

        var asked = await CallAsync(session, 1, "echo", """{"message":"hi"}""");
        var result = asked.GetProperty("result");
        var token = result.GetProperty("requestState").GetString()!;
        var done = await CallAsync(session, 2, "echo", """{"message":"hi"}""", Accept(token));

        Assert.Equal("input_required", result.GetProperty("resultType").GetString());
        var question = result.GetProperty("inputRequests").GetProperty(PolicyEnforcer.ConfirmKey);
        Assert.Equal("elicitation/create", question.GetProperty("method").GetString());
        Assert.Contains("echo", question.GetProperty("params").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("hi", done.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        // The server got the call once, without mcpshim's token or answer.
        var calls = ServerCalls(received);
        var call = Assert.Single(calls);
        Assert.False(call.GetProperty("params").TryGetProperty("requestState", out _));
        Assert.False(call.GetProperty("params").TryGetProperty("inputResponses", out _));
        var lines = session.AuditLines().Where(l => l.GetProperty("event").GetString() == "tools/call").ToList();
        Assert.Equal(["input_required", "ok"], lines.Select(l => l.GetProperty("outcome").GetString()));
        Assert.True(lines[1].GetProperty("confirmed").GetBoolean());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_token_is_refused_when_replayed_altered_or_presented_for_other_arguments()
    {
        var received = _temp.File("received.jsonl");
        await using var session = Confirming("echo", received);
        var token = (await CallAsync(session, 1, "echo", """{"message":"hi"}""")).GetProperty("result").GetProperty("requestState").GetString()!;
        var other = (await CallAsync(session, 2, "echo", """{"message":"hi"}""")).GetProperty("result").GetProperty("requestState").GetString()!;
        var altered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];

        var otherArguments = await CallAsync(session, 3, "echo", """{"message":"rm -rf /"}""", Accept(other));
        var tampered = await CallAsync(session, 4, "echo", """{"message":"hi"}""", Accept(altered));
        var first = await CallAsync(session, 5, "echo", """{"message":"hi"}""", Accept(token));
        var replayed = await CallAsync(session, 6, "echo", """{"message":"hi"}""", Accept(token));

        Assert.Contains("another call", Message(otherArguments), StringComparison.Ordinal);
        Assert.Contains("altered", Message(tampered), StringComparison.Ordinal);
        Assert.True(first.TryGetProperty("result", out _));
        Assert.Contains("used before", Message(replayed), StringComparison.Ordinal);
        Assert.Single(ServerCalls(received));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("""{"action":"decline"}""", "decline")]
    [InlineData("""{"action":"accept","content":{"name":"x"}}""", "invalid")]
    public async Task A_retry_without_a_plain_accept_is_denied(string answer, string confirmation)
    {
        var received = _temp.File("received.jsonl");
        await using var session = Confirming("echo", received);
        var token = (await CallAsync(session, 1, "echo", """{"message":"hi"}""")).GetProperty("result").GetProperty("requestState").GetString()!;

        var denied = await CallAsync(session, 2, "echo", """{"message":"hi"}""",
            "\"inputResponses\":{\"" + PolicyEnforcer.ConfirmKey + "\":" + answer + "},\"requestState\":\"" + token + "\"");

        Assert.Equal(-32001, denied.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Empty(ServerCalls(received));
        Assert.Equal(confirmation, session.AuditLines().Last(l => l.GetProperty("event").GetString() == "tools/call").GetProperty("confirmation").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task When_the_server_asks_too_its_state_is_wrapped_so_the_user_is_asked_once()
    {
        var received = _temp.File("received.jsonl");
        await using var session = Confirming("needs-input", received);
        var token = (await CallAsync(session, 1, "needs-input", "{}")).GetProperty("result").GetProperty("requestState").GetString()!;

        var serverAsks = (await CallAsync(session, 2, "needs-input", "{}", Accept(token))).GetProperty("result");
        var wrapped = serverAsks.GetProperty("requestState").GetString()!;
        var done = await CallAsync(session, 3, "needs-input", "{}",
            "\"inputResponses\":{\"fake/name\":{\"action\":\"accept\",\"content\":{\"name\":\"ada\"}}},\"requestState\":\"" + wrapped + "\"");

        Assert.Equal("input_required", serverAsks.GetProperty("resultType").GetString());
        Assert.True(serverAsks.GetProperty("inputRequests").TryGetProperty("fake/name", out _));
        Assert.NotEqual("fake-state-1", wrapped); // the client never holds the server's state bare
        Assert.Equal("resumed with fake-state-1", done.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        var calls = ServerCalls(received);
        Assert.Equal(2, calls.Count);
        Assert.Equal("fake-state-1", calls[1].GetProperty("params").GetProperty("requestState").GetString());
        Assert.True(calls[1].GetProperty("params").GetProperty("inputResponses").TryGetProperty("fake/name", out _));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_client_without_elicitation_is_told_it_cannot_be_asked()
    {
        var received = _temp.File("received.jsonl");
        await using var session = Confirming("echo", received);

        await session.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}," +
                                Meta.Replace("{\"elicitation\":{}}", "{}", StringComparison.Ordinal) + "}}");
        var (denied, _) = await session.ReceiveResponseAsync(1);

        Assert.Contains("did not declare the elicitation capability", Message(denied), StringComparison.Ordinal);
        Assert.Empty(ServerCalls(received));
    }

    private static SessionHarness Confirming(string tool, string received) =>
        SessionHarness.ForFakeServer(
            p => p with { Policy = new ToolPolicy { PinsFile = "/nonexistent/pins.json", Source = "test", Confirm = [new ToolNameGlob(tool)] } },
            "--frames", received);

    private static string Accept(string token) =>
        "\"inputResponses\":{\"" + PolicyEnforcer.ConfirmKey + "\":{\"action\":\"accept\"}},\"requestState\":\"" + token + "\"";

    private static async Task<JsonElement> CallAsync(SessionHarness session, int id, string tool, string arguments, string? retry = null)
    {
        await session.SendAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"tools/call\",\"params\":{{\"name\":\"{tool}\",\"arguments\":{arguments}," +
                                (retry is null ? "" : retry + ",") + Meta + "}}");
        var (response, _) = await session.ReceiveResponseAsync(id);
        return response;
    }

    private static List<JsonElement> ServerCalls(string received) =>
        !File.Exists(received)
            ? []
            : File.ReadAllLines(received).Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Where(f => f.TryGetProperty("method", out var m) && m.GetString() == "tools/call").ToList();

    private static string Message(JsonElement response) => response.GetProperty("error").GetProperty("message").GetString()!;
}
