using System.Text.Json;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

/// <summary>The relay against a real child process (the fake MCP server in local mode).</summary>
public sealed class RelaySessionSpecs
{
    private const string Initialize = """{"protocolVersion":"2025-06-18","capabilities":{"sampling":{}},"clientInfo":{"name":"specs","version":"1"}}""";

    [Fact(Timeout = 30_000)]
    public async Task I_can_initialize_call_a_tool_and_see_it_in_the_audit()
    {
        await using var session = SessionHarness.ForFakeServer();

        await session.SendRequestAsync(1, "initialize", Initialize);
        var (init, _) = await session.ReceiveResponseAsync(1);
        await session.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await session.SendRequestAsync("call-1", "tools/call", """{"name":"echo","arguments":{"message":"héllo wörld"}}""");
        var (echo, _) = await session.ReceiveResponseAsync("call-1");
        session.CloseClientInput();
        var exit = await session.WaitForExitAsync();

        Assert.Equal("fake-mcp-server", init.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal("héllo wörld", echo.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(0, exit);

        var audit = session.AuditLines();
        Assert.Equal(["session.start", "session.protocol", "tools/call", "session.end"], audit.Select(l => l.GetProperty("event").GetString()));
        var call = audit[2];
        Assert.Equal("echo", call.GetProperty("tool").GetString());
        Assert.Equal("call-1", call.GetProperty("requestId").GetString());
        Assert.Equal("ok", call.GetProperty("outcome").GetString());
        Assert.Equal("fake", call.GetProperty("profile").GetString());
        Assert.Equal(JsonValueKind.Number, call.GetProperty("durationMs").ValueKind);
        Assert.True(call.GetProperty("bytesIn").GetInt64() > 50);
        Assert.True(call.GetProperty("bytesOut").GetInt64() > 40);
        // keys mode: the argument's name and the size of its JSON value, never the value.
        Assert.Equal(15, call.GetProperty("arguments").GetProperty("message").GetInt32());
        Assert.DoesNotContain("wörld", File.ReadAllText(session.Profile.AuditPath), StringComparison.Ordinal);
        Assert.Equal("fake-mcp-server", audit[1].GetProperty("server").GetProperty("name").GetString());
        Assert.Equal("client_closed", audit[3].GetProperty("reason").GetString());
        Assert.Equal(1, audit[3].GetProperty("toolCalls").GetInt32());
    }

    [Fact(Timeout = 30_000)]
    public async Task Tool_errors_and_calls_left_unanswered_are_audited_as_such()
    {
        await using var session = SessionHarness.ForFakeServer();

        await session.SendRequestAsync(1, "tools/call", """{"name":"fail","arguments":{}}""");
        await session.ReceiveResponseAsync(1);
        await session.SendRequestAsync(2, "tools/call", """{"name":"nope","arguments":{}}""");
        await session.ReceiveResponseAsync(2);
        await session.SendRequestAsync(3, "tools/call", """{"name":"slow","arguments":{"ms":30000}}""");
        session.CloseClientInput();
        await session.WaitForExitAsync();

        var calls = session.AuditLines().Where(l => l.GetProperty("event").GetString() == "tools/call").ToList();
        Assert.Equal(["tool_error", "error", "aborted"], calls.Select(c => c.GetProperty("outcome").GetString()));
    }

    [Fact(Timeout = 30_000)]
    public async Task When_the_server_crashes_every_waiting_request_gets_an_error_with_its_exit_code_and_stderr()
    {
        await using var session = SessionHarness.ForFakeServer("--crash-after", "3");

        await session.SendRequestAsync(1, "tools/call", """{"name":"slow","arguments":{"ms":20000}}""");
        await session.SendRequestAsync(2, "ping");
        await session.ReceiveResponseAsync(2);
        await session.SendRequestAsync(3, "ping");
        var (first, _) = await session.ReceiveResponseAsync(1);
        var (second, _) = await session.ReceiveResponseAsync(3);
        var exit = await session.WaitForExitAsync();

        Assert.Equal(3, exit);
        foreach (var response in new[] { first, second })
        {
            var error = response.GetProperty("error");
            Assert.Equal(-32000, error.GetProperty("code").GetInt32());
            Assert.Contains("exited with code 3", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("crashing after 3 requests", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, error.GetProperty("data").GetProperty("exitCode").GetInt32());
        }

        var end = session.AuditLines().Last();
        Assert.Equal("server_exited", end.GetProperty("reason").GetString());
        Assert.Equal(3, end.GetProperty("exitCode").GetInt32());
    }

    [HostSandboxFact(Timeout = 30_000)]
    public async Task A_server_that_dies_in_the_host_sandbox_is_answered_with_how_to_grant_it_more()
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { Sandbox = McpShim.Sandbox.SandboxSettings.On }, "--crash-after", "1");

        await session.SendRequestAsync(1, "ping");
        var (answer, _) = await session.ReceiveResponseAsync(1);
        await session.WaitForExitAsync();

        var message = answer.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("exited with code 3", message, StringComparison.Ordinal);
        Assert.Contains("host sandbox, which grants only what 'mcpshim show fake' lists", message, StringComparison.Ordinal);
        Assert.Contains("\"hostReadable\"", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_ignores_stdin_EOF_is_stopped_after_the_grace_period()
    {
        await using var session = SessionHarness.ForFakeServer("--ignore-eof");
        await session.SendRequestAsync(1, "ping");
        await session.ReceiveResponseAsync(1);
        var started = System.Diagnostics.Stopwatch.StartNew();

        session.CloseClientInput();
        var exit = await session.WaitForExitAsync();

        Assert.Equal(0, exit);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
        Assert.Contains(session.Logger.Lines, l => l.Contains("did not exit within", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Requests_sent_before_the_client_closed_its_side_are_answered_before_the_grace_period_starts()
    {
        // A script that writes its requests and closes stdin, or a server still starting when the client closes: the
        // grace period (500 ms here) counts from the last answer owed, not from the close.
        await using var session = SessionHarness.ForFakeServer("--ignore-eof");
        await session.SendRequestAsync(1, "tools/call", """{"name":"slow","arguments":{"ms":1500}}""");
        var started = System.Diagnostics.Stopwatch.StartNew();

        session.CloseClientInput();
        var (answer, _) = await session.ReceiveResponseAsync(1);
        var exit = await session.WaitForExitAsync();

        Assert.Equal("slept 1500 ms", answer.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(0, exit);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(1900), TimeSpan.FromSeconds(10));
        var call = Assert.Single(session.AuditLines(), l => l.GetProperty("event").GetString() == "tools/call");
        Assert.Equal("ok", call.GetProperty("outcome").GetString());
        Assert.Contains(session.Logger.Lines, l => l.Contains("did not exit within", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_signal_ends_the_session_like_a_closed_stdin()
    {
        await using var session = SessionHarness.ForFakeServer();
        await session.SendRequestAsync(1, "ping");
        await session.ReceiveResponseAsync(1);

        session.Signal();
        var exit = await session.WaitForExitAsync();

        Assert.Equal(0, exit);
        Assert.Equal("signal", session.AuditLines().Last().GetProperty("reason").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_signal_writes_the_session_end_at_once_while_a_slow_server_is_still_being_stopped()
    {
        // Issue 13: Claude Code sends SIGINT, SIGTERM 100 ms later and SIGKILL 400 ms after that; a container takes longer.
        await using var session = SessionHarness.ForFakeServer(p => p with { Grace = TimeSpan.FromSeconds(5) }, "--ignore-eof");
        await session.SendRequestAsync(1, "ping");
        await session.ReceiveResponseAsync(1);
        await session.SendRequestAsync("slow-1", "tools/call", """{"name":"slow","arguments":{"ms":20000}}""");
        await session.SendRequestAsync(2, "ping"); // answered: the call before it reached the server
        await session.ReceiveResponseAsync(2);

        session.Signal();
        var lines = await WaitForAuditAsync(session, lines => lines.Any(l => l.GetProperty("event").GetString() == "session.end"), TimeSpan.FromSeconds(2));

        Assert.False(session.Completion.IsCompleted, "the line must not wait for the server's stop");
        Assert.Equal(["session.start", "tools/call", "session.end"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal("aborted", lines[1].GetProperty("outcome").GetString());
        Assert.Equal("signal", lines[2].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("exitCode").ValueKind);
        await session.WaitForExitAsync();
        Assert.Single(session.AuditLines(), l => l.GetProperty("event").GetString() == "session.end");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_signal_while_mcpshim_waits_for_a_server_after_the_client_closed_writes_the_session_end_at_once()
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { Grace = TimeSpan.FromSeconds(5) }, "--ignore-eof");
        await session.SendRequestAsync(1, "ping");
        await session.ReceiveResponseAsync(1);

        session.CloseClientInput();
        await Task.Delay(300);
        Assert.DoesNotContain(session.AuditLines(), l => l.GetProperty("event").GetString() == "session.end");
        session.Signal();
        var lines = await WaitForAuditAsync(session, lines => lines.Any(l => l.GetProperty("event").GetString() == "session.end"), TimeSpan.FromSeconds(2));

        Assert.False(session.Completion.IsCompleted, "the line must not wait for the server's stop");
        Assert.Equal("client_closed", lines.Last().GetProperty("reason").GetString());
        await session.WaitForExitAsync();
        Assert.Single(session.AuditLines(), l => l.GetProperty("event").GetString() == "session.end");
    }

    private static async Task<List<JsonElement>> WaitForAuditAsync(SessionHarness session, Func<List<JsonElement>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var lines = File.Exists(session.Profile.AuditPath) ? session.AuditLines() : [];
            if (done(lines))
                return lines;
            Assert.True(DateTime.UtcNow < deadline, "the audit file holds:\n" + (File.Exists(session.Profile.AuditPath) ? File.ReadAllText(session.Profile.AuditPath) : "(nothing)"));
            await Task.Delay(20);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_flooding_stderr_is_drained_and_never_blocks()
    {
        await using var session = SessionHarness.ForFakeServer("--flood-stderr", "8000000");

        await session.SendRequestAsync(1, "ping");
        await session.ReceiveResponseAsync(1);

        Assert.StartsWith("[fake] ", session.Diagnostics, StringComparison.Ordinal);
        Assert.True(session.Diagnostics.Length > 8_000_000);
    }

    [Fact(Timeout = 60_000)]
    public async Task Huge_results_arrive_intact()
    {
        await using var session = SessionHarness.ForFakeServer();
        const int Bytes = 20_000_000;

        await session.SendRequestAsync(1, "tools/call", $$$"""{"name":"big","arguments":{"bytes":{{{Bytes}}}}}""");
        var (response, _) = await session.ReceiveResponseAsync(1);

        var text = response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Equal(Bytes, text.Length);
        Assert.All(text.Distinct(), c => Assert.Equal('x', c));
    }

    [Fact(Timeout = 30_000)]
    public async Task Server_to_client_requests_and_progress_notifications_pass_both_ways()
    {
        await using var session = SessionHarness.ForFakeServer();

        await session.SendRequestAsync(1, "tools/call", """{"name":"progress","arguments":{"steps":3},"_meta":{"progressToken":"tok"}}""");
        var (done, before) = await session.ReceiveResponseAsync(1);
        Assert.Equal(3, before.Count(f => f.GetProperty("method").GetString() == "notifications/progress"));
        Assert.All(before, f => Assert.Equal("tok", f.GetProperty("params").GetProperty("progressToken").GetString()));

        await session.SendRequestAsync(2, "tools/call", """{"name":"sample","arguments":{"prompt":"hi"}}""");
        var request = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        Assert.Equal("sampling/createMessage", request.GetProperty("method").GetString());
        var id = request.GetProperty("id").GetRawText();
        await session.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{id}}},"result":{"role":"assistant","content":{"type":"text","text":"from the client"},"model":"m"}}""");
        var (sampled, _) = await session.ReceiveResponseAsync(2);

        Assert.Contains("from the client", sampled.GetRawText(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_oversized_request_is_refused_with_an_error_and_the_session_goes_on()
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { MaxFrameBytes = 4096 });

        await session.SendRequestAsync(7, "tools/call", $$$"""{"name":"echo","arguments":{"message":"{{{new string('m', 10_000)}}}"}}""");
        var (refused, _) = await session.ReceiveResponseAsync(7);
        await session.SendRequestAsync(8, "ping");
        var (pong, _) = await session.ReceiveResponseAsync(8);

        Assert.Equal(-32600, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("exceeds the maximum frame size of 4096 bytes", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(pong.TryGetProperty("result", out _));
        Assert.Contains(session.Logger.Lines, l => l.StartsWith("Error: ClientToServer: a frame of", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_answer_that_streams_past_the_limit_ends_in_a_line_no_reader_can_parse_and_the_request_gets_an_error()
    {
        // Answers stream (no policy): the part sent before the limit is passed cannot be taken back, so its line ends
        // with a byte no JSON reader accepts, and the waiting request gets mcpshim's error (issue 13).
        await using var session = SessionHarness.ForFakeServer(p => p with { MaxFrameBytes = 300_000 });

        await session.SendRequestAsync(1, "tools/call", """{"name":"big","arguments":{"bytes":400000}}""");
        var cut = await session.ReceiveAsync();
        var (error, _) = await session.ReceiveResponseAsync(1);

        Assert.Equal(0x01, cut![^1]);
        Assert.True(cut.Length <= 300_001);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonDocument.Parse(cut));
        Assert.Equal(-32600, error.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_request_over_the_limit_is_held_never_sent_and_answered_with_an_error()
    {
        // Requests are never streamed (issue 13): this one is read to the limit, then dropped to its end, and no byte
        // of it reaches the server, where a prefix that parses could run.
        await using var session = SessionHarness.ForFakeServer(p => p with { MaxFrameBytes = 300_000 });

        await session.SendAsync("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"echo","arguments":{"message":"m"}}}""" + new string(' ', 400_000));
        var (refused, _) = await session.ReceiveResponseAsync(9);
        await session.SendRequestAsync(10, "ping");
        var (pong, _) = await session.ReceiveResponseAsync(10);
        session.CloseClientInput();
        await session.WaitForExitAsync();

        Assert.Equal(-32600, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.True(pong.TryGetProperty("result", out _));
        var audit = session.AuditLines();
        Assert.DoesNotContain(audit, l => l.GetProperty("event").GetString() == "tools/call");
        var line = Assert.Single(audit, l => l.GetProperty("event").GetString() == "frame.refused");
        Assert.Equal("oversized", line.GetProperty("reason").GetString());
        Assert.Equal("client", line.GetProperty("direction").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_streamed_result_reaches_the_client_whole_and_is_audited()
    {
        await using var session = SessionHarness.ForFakeServer();
        var message = string.Concat(Enumerable.Repeat("é€😀 ", 200_000));

        await session.SendRequestAsync(1, "tools/call", JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = "echo", ["arguments"] = new Dictionary<string, string> { ["message"] = message } }, TestJson.Default.DictionaryStringObject));
        var (response, _) = await session.ReceiveResponseAsync(1);
        session.CloseClientInput();
        await session.WaitForExitAsync();

        Assert.Equal(message, response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        var call = session.AuditLines().Single(l => l.GetProperty("event").GetString() == "tools/call");
        Assert.Equal("ok", call.GetProperty("outcome").GetString());
        Assert.Equal("echo", call.GetProperty("tool").GetString());
        Assert.True(call.GetProperty("arguments").GetProperty("message").GetInt64() > 2_000_000);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_line_that_is_not_JSON_is_forwarded_unchanged_and_noted()
    {
        await using var session = SessionHarness.ForFakeServer("--garbage-stdout");

        var first = await session.ReceiveAsync();

        Assert.Equal("this line is not JSON-RPC", first);
        Assert.Contains(session.Logger.Lines, l => l.Contains("is not a JSON-RPC object", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_command_that_cannot_start_answers_initialize_with_the_fix()
    {
        await using var session = SessionHarness.ForFakeServer(p => p with { Command = ["/nonexistent/server"] });

        await session.SendRequestAsync(1, "initialize", Initialize);
        var (response, _) = await session.ReceiveResponseAsync(1);
        var exit = await session.WaitForExitAsync();

        var message = response.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("cannot start '/nonexistent/server'", message, StringComparison.Ordinal);
        Assert.Contains("use an absolute path", message, StringComparison.Ordinal);
        Assert.Equal(69, exit);
        Assert.Equal("startup_failed", session.AuditLines().Last().GetProperty("reason").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Pipelined_requests_are_answered_in_order()
    {
        await using var session = SessionHarness.ForFakeServer();
        const int Count = 2000;

        var send = Task.Run(async () =>
        {
            for (var i = 0; i < Count; i++)
                await session.SendRequestAsync(i, "ping");
        });
        for (var i = 0; i < Count; i++)
        {
            var frame = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
            Assert.Equal(i, frame.GetProperty("id").GetInt32());
        }

        await send;
    }
}
