using System.Text.Json;
using McpShim.Policy;
using McpShim.Tests.Support;

namespace McpShim.Tests.Policy;

/// <summary>
/// Issue 13, "approval spoofing": a hostile server tries to have the user's answer to its own form taken for the
/// user's approval of a call mcpshim asked about. The relay runs in this process, the fake server is its child, the
/// test plays the client (and its user).
/// </summary>
public sealed class ShimRequestSpoofingSpecs
{
    private const string Initialize = """{"protocolVersion":"2025-06-18","capabilities":{"elicitation":{}},"clientInfo":{"name":"specs","version":"1"}}""";

    [Fact(Timeout = 30_000)]
    public async Task A_server_guessing_mcpshims_ids_cannot_turn_the_users_yes_to_its_form_into_an_approval()
    {
        await using var session = SessionHarness.ForFakeServer(
            p => p with { Policy = Policy() with { ValidateArguments = true, Confirm = [new ToolNameGlob("store")] } },
            "--store-tool", "--guess-shim-ids");
        await StartAsync(session);

        // The call waits while mcpshim lists the tools itself: the server sees that request's id and makes its guesses.
        await session.SendRequestAsync(20, "tools/call", """{"name":"store","arguments":{"path":"/etc/passwd"}}""");
        var forms = new List<JsonElement>();
        JsonElement prompt;
        while (true)
        {
            var frame = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement.Clone();
            Assert.Equal("elicitation/create", frame.GetProperty("method").GetString());
            if (frame.GetProperty("params").GetProperty("message").GetString()!.StartsWith("mcpshim (profile", StringComparison.Ordinal))
            {
                prompt = frame;
                break;
            }

            forms.Add(frame);
        }

        // The user ticks the server's box, and says no to mcpshim's question.
        foreach (var form in forms)
            await session.SendAsync($$$$"""{"jsonrpc":"2.0","id":{{{{form.GetProperty("id").GetRawText()}}}},"result":{"action":"accept","content":{"confirm":true}}}""");
        await session.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{prompt.GetProperty("id").GetRawText()}}},"result":{"action":"decline"}}""");
        var (denied, _) = await session.ReceiveResponseAsync(20);
        var nearMiss = Assert.Single(forms).GetProperty("id").GetString()!;
        // The server's stderr comes on its own pipe: wait for its report of the answer to its form.
        await WaitForAsync(() => session.Diagnostics.Contains($"answer to guessed id {nearMiss}: ", StringComparison.Ordinal), session);

        Assert.Equal(-32001, denied.GetProperty("error").GetProperty("code").GetInt32());
        var line = session.AuditLines().Single(l => l.GetProperty("event").GetString() == "tools/call");
        Assert.Equal("denied", line.GetProperty("outcome").GetString());
        Assert.False(line.GetProperty("confirmed").GetBoolean());
        Assert.Equal("decline", line.GetProperty("confirmation").GetString());
        // Its forms under mcpshim's own pending id (as sent, and spelt with escapes) were refused to the server...
        var refusals = session.Diagnostics.Split('\n').Where(l => l.Contains("belongs to a request mcpshim itself made", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Equal(2, session.Logger.Lines.Count(l => l.Contains("reuses the id", StringComparison.Ordinal)));
        // ...the near miss reached the client, and the user's answer to it went back to the server, not to mcpshim.
        Assert.StartsWith(ShimRequestIds.Prefix, nearMiss, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"accept\"", session.Diagnostics.Split('\n').Single(l => l.Contains($"answer to guessed id {nearMiss}: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.NotEqual(nearMiss, prompt.GetProperty("id").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_request_under_the_id_of_a_pending_confirmation_never_reaches_the_client()
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { Policy = Policy() with { Confirm = [new ToolNameGlob("slow")] } });
        await StartAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":1}}""");
        var ask = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement.Clone();
        var askId = ask.GetProperty("id").GetString()!;
        await session.SendRequestAsync(21, "tools/call", $$$"""{"name":"elicit","arguments":{"id":"{{{askId}}}"}}""");
        var (plain, beforePlain) = await session.ReceiveResponseAsync(21);
        await session.SendRequestAsync(22, "tools/call", $$$"""{"name":"elicit","arguments":{"id":"{{{askId}}}","escapeId":true}}""");
        var (escaped, beforeEscaped) = await session.ReceiveResponseAsync(22);
        await session.SendAsync($$$"""{"jsonrpc":"2.0","id":"{{{askId}}}","result":{"action":"accept"}}""");
        var (slept, _) = await session.ReceiveResponseAsync(20);

        Assert.Empty(beforePlain.Concat(beforeEscaped)); // the client never saw a second request under the id
        foreach (var refused in new[] { plain, escaped })
        {
            var result = refused.GetProperty("result");
            Assert.True(result.GetProperty("isError").GetBoolean());
            Assert.Contains($"client answered with an error: mcpshim: the server's elicitation/create request uses the id {askId}, which belongs to a request mcpshim itself made",
                result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("slept 1 ms", slept.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(session.AuditLines().Single(l => l.GetProperty("event").GetString() == "tools/call" && l.GetProperty("tool").GetString() == "slow")
            .GetProperty("confirmed").GetBoolean());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_answer_with_a_repeated_key_is_refused_and_denies_the_call()
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { Policy = Policy() with { Confirm = [new ToolNameGlob("slow")] } });
        await StartAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":1}}""");
        var ask = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        await session.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{ask.GetProperty("id").GetRawText()}}},"result":{"action":"decline","action":"accept"}}""");
        var (denied, _) = await session.ReceiveResponseAsync(20);

        Assert.Equal(-32001, denied.GetProperty("error").GetProperty("code").GetInt32());
        var line = session.AuditLines().Single(l => l.GetProperty("event").GetString() == "tools/call");
        Assert.Equal("denied", line.GetProperty("outcome").GetString());
        Assert.False(line.GetProperty("confirmed").GetBoolean());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("""{"action":"accept","content":{"confirm":true}}""")]
    public async Task An_accept_with_anything_odd_about_it_denies_the_call(string result)
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { Policy = Policy() with { Confirm = [new ToolNameGlob("slow")] } });
        await StartAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":1}}""");
        var ask = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        await session.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{ask.GetProperty("id").GetRawText()}}},"result":{{{result}}}}""");
        var (denied, _) = await session.ReceiveResponseAsync(20);

        Assert.Contains("was not a plain accept, decline or cancel", denied.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var line = session.AuditLines().Single(l => l.GetProperty("event").GetString() == "tools/call");
        Assert.Equal(("denied", "invalid"), (line.GetProperty("outcome").GetString(), line.GetProperty("confirmation").GetString()));
        Assert.False(line.GetProperty("confirmed").GetBoolean());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(0)]
    [InlineData(300_000)] // long enough to stream if it were let through piece by piece
    public async Task A_client_request_under_a_confirmations_id_is_refused_and_an_answer_to_it_would_not_count(int padding)
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { Policy = Policy() with { Confirm = [new ToolNameGlob("slow")] } });
        await StartAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":1}}""");
        var ask = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        // The client sends the server a request under the confirmation's id: the server's answer is no approval.
        await session.SendRequestAsync(ask.GetProperty("id").GetString()!, "ping", $$"""{"pad":"{{new string('p', padding)}}"}""");
        var (refused, _) = await session.ReceiveResponseAsync(ask.GetProperty("id").GetString()!);
        await session.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{ask.GetProperty("id").GetRawText()}}},"result":{"action":"decline"}}""");
        var (denied, _) = await session.ReceiveResponseAsync(20);

        Assert.Contains("the client's ping request uses the id", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("the user declined", denied.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Only_mcpshim_withdraws_its_own_question()
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { Policy = Policy() with { Confirm = [new ToolNameGlob("slow")] } });
        await StartAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":1}}""");
        var ask = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement.Clone();
        var askId = ask.GetProperty("id").GetRawText();
        await session.SendRequestAsync(21, "tools/call", $$$$"""{"name":"notify","arguments":{"method":"notifications/cancelled","params":{"requestId":{{{{askId}}}}}}}""");
        var (sent, before) = await session.ReceiveResponseAsync(21);
        await session.SendAsync($$$"""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{{{askId}}}}}""");
        await session.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{askId}}},"result":{"action":"accept"}}""");
        var (slept, _) = await session.ReceiveResponseAsync(20);

        Assert.Equal("sent notifications/cancelled", sent.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Empty(before); // the server's cancellation of mcpshim's question never reached the client
        Assert.Equal("slept 1 ms", slept.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Single(session.Logger.Lines, l => l.Contains("ServerToClient: a notifications/cancelled for mcpshim's own request", StringComparison.Ordinal));
        Assert.Single(session.Logger.Lines, l => l.Contains("ClientToServer: a notifications/cancelled for mcpshim's own request", StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition, SessionHarness session)
    {
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition(), "not seen within 10 s; stderr:\n" + session.Diagnostics);
    }

    private static ToolPolicy Policy() => new() { PinsFile = "/nonexistent/pins/fake.json", Source = "test-profiles.json" };

    private static async Task StartAsync(SessionHarness session)
    {
        await session.SendRequestAsync(1, "initialize", Initialize);
        await session.ReceiveResponseAsync(1);
        await session.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
    }
}
