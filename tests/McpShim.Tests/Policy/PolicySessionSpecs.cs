using System.Text.Json;
using McpShim.Cli;
using McpShim.Policy;
using McpShim.Tests.Support;
using Microsoft.Extensions.Logging;

namespace McpShim.Tests.Policy;

/// <summary>
/// The tool policy in a real session: the relay in this process, the fake MCP server as its child, the test as the
/// client. "Never reached the server" is shown the way a client could tell: mcpshim answers, and no second answer
/// with that id ever follows.
/// </summary>
public sealed class PolicySessionSpecs : IDisposable
{
    private const string Initialize = """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"specs","version":"1"}}""";
    private const string InitializeWithElicitation = """{"protocolVersion":"2025-06-18","capabilities":{"elicitation":{}},"clientInfo":{"name":"specs","version":"1"}}""";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task Denied_tools_are_missing_from_every_page_and_their_calls_never_reach_the_server()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Deny = Globs("st*", "big") } }, "--page-size", "3");
        await StartAsync(session, Initialize);

        var (names, pages) = await ListAllToolsAsync(session);
        await session.SendRequestAsync(20, "tools/call", """{"name":"store","arguments":{"path":"/x"}}""");
        var (denied, _) = await session.ReceiveResponseAsync(20);
        await AssertNothingElseAnswersAsync(session, 20);

        Assert.Equal(["echo", "fail", "progress", "sample", "elicit", "slow"], names);
        Assert.Equal(3, pages); // the server's 9 tools in pages of 3: every page filtered, the cursors kept
        var error = denied.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("tool 'store' is denied by the policy of profile 'fake': it matches \"st*\" in \"policy.tools.deny\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("policy.deny", error.GetProperty("data").GetProperty("reason").GetString());
        var line = ToolCallLines(session).Single();
        Assert.Equal(("store", "denied", "policy.deny"), (Str(line, "tool"), Str(line, "outcome"), Str(line, "reason")));
    }

    [Fact(Timeout = 30_000)]
    public async Task With_an_allow_list_only_the_tools_it_names_are_listed_and_callable()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Allow = Globs("echo", "sl*") } });
        await StartAsync(session, Initialize);

        var (names, _) = await ListAllToolsAsync(session);
        await session.SendRequestAsync(20, "tools/call", """{"name":"fail","arguments":{}}""");
        var (denied, _) = await session.ReceiveResponseAsync(20);
        await session.SendRequestAsync(21, "tools/call", """{"name":"echo","arguments":{"message":"allowed"}}""");
        var (allowed, _) = await session.ReceiveResponseAsync(21);

        Assert.Equal(["echo", "slow"], names);
        Assert.Contains("matches none of the patterns in \"policy.tools.allow\" (echo, sl*)", Message(denied), StringComparison.Ordinal);
        Assert.Equal("allowed", Text(allowed));
    }

    [Fact(Timeout = 30_000)]
    public async Task Read_only_lists_and_allows_only_tools_marked_read_only()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { ReadOnly = true } });
        await StartAsync(session, Initialize);

        var (names, _) = await ListAllToolsAsync(session);
        await session.SendRequestAsync(20, "tools/call", """{"name":"store","arguments":{"path":"/x"}}""");
        var (denied, _) = await session.ReceiveResponseAsync(20);
        await session.SendRequestAsync(21, "tools/call", """{"name":"echo","arguments":{"message":"read"}}""");
        var (allowed, _) = await session.ReceiveResponseAsync(21);
        await AssertNothingElseAnswersAsync(session, 20);

        Assert.Equal(["echo", "big", "fail", "progress", "slow"], names);
        Assert.Equal(-32602, denied.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("is read-only (\"policy.readOnly\": true in test-profiles.json) and tool 'store' is not marked read-only", Message(denied), StringComparison.Ordinal);
        Assert.Equal("read", Text(allowed));
        Assert.Equal(["readOnly", null], ToolCallLines(session).Select(l => Str(l, "reason")));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_filtered_list_keeps_its_cache_hints_and_the_servers_order()
    {
        // 2026-07-28 list results are CacheableResults: ttlMs and cacheScope survive the filter, as does the order.
        await using var session = Fake(p => p with { Policy = Policy() with { Deny = Globs("big") } }, "--cacheable");

        await session.SendRequestAsync(10, "tools/list");
        var (list, _) = await session.ReceiveResponseAsync(10);

        var result = list.GetProperty("result");
        Assert.Equal(["echo", "fail", "progress", "sample", "elicit", "slow", "stderr", "store"], result.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(60000, result.GetProperty("ttlMs").GetInt32());
        Assert.Equal("private", result.GetProperty("cacheScope").GetString());
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task In_a_stateless_session_mcpshims_own_tool_listing_carries_the_clients_protocol_meta()
    {
        // 2026-07-28: no initialize; every request carries its version, client info and capabilities in _meta, and
        // so must mcpshim's own tools/list (issue 15). The client's progress token is its own, not copied.
        var received = _temp.File("received.jsonl");
        await using var session = Fake(p => p with { Policy = Policy() with { ReadOnly = true } }, "--frames", received);
        const string meta = "\"_meta\":" + """{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"specs","version":"1"},"io.modelcontextprotocol/clientCapabilities":{},"progressToken":"p1"}""";

        await session.SendRequestAsync(20, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"read\"}," + meta + "}");
        var (allowed, _) = await session.ReceiveResponseAsync(20);

        Assert.Equal("read", Text(allowed));
        var own = File.ReadAllLines(received).Select(l => JsonDocument.Parse(l).RootElement).Single(f => f.GetProperty("method").GetString() == "tools/list");
        var ownMeta = own.GetProperty("params").GetProperty("_meta");
        Assert.Equal("2026-07-28", ownMeta.GetProperty("io.modelcontextprotocol/protocolVersion").GetString());
        Assert.Equal("specs", ownMeta.GetProperty("io.modelcontextprotocol/clientInfo").GetProperty("name").GetString());
        Assert.False(ownMeta.TryGetProperty("progressToken", out _));
    }

    [Fact(Timeout = 30_000)]
    public async Task Arguments_that_fail_the_input_schema_get_an_error_with_each_path_and_rule()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { ValidateArguments = true } });
        await StartAsync(session, Initialize);
        await ListAllToolsAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"store","arguments":{"path":"etc","copies":9,"mode":"append","tags":["ok","far-too-long"],"options":{"force":"yes","x":1},"extra":true}}""");
        var (invalid, _) = await session.ReceiveResponseAsync(20);
        await session.SendRequestAsync(21, "tools/call", """{"name":"echo"}""");
        var (missing, _) = await session.ReceiveResponseAsync(21);
        await session.SendRequestAsync(22, "tools/call", """{"name":"store","arguments":{"path":"/a/b","copies":2,"tags":["t"],"options":{"force":true}}}""");
        var (valid, _) = await session.ReceiveResponseAsync(22);
        await AssertNothingElseAnswersAsync(session, 20);

        var error = invalid.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        var violations = error.GetProperty("data").GetProperty("violations").EnumerateArray()
            .Select(v => $"{v.GetProperty("path").GetString()} {v.GetProperty("rule").GetString()}").Order(StringComparer.Ordinal);
        Assert.Equal(
            ["$.copies maximum", "$.extra additionalProperties", "$.mode enum", "$.options.force type", "$.options.x additionalProperties", "$.path pattern", "$.tags[1] maxLength"],
            violations);
        Assert.StartsWith("mcpshim: the arguments of tool 'store' do not match its inputSchema: $.path: pattern:", Message(invalid), StringComparison.Ordinal);
        Assert.Contains("$: required: missing property 'message'", Message(missing), StringComparison.Ordinal);
        Assert.Equal("stored /a/b", Text(valid));
        Assert.Equal(["schema", "schema", null], ToolCallLines(session).Select(l => Str(l, "reason")));
    }

    [Fact(Timeout = 30_000)]
    public async Task From_2025_11_25_on_arguments_that_fail_the_input_schema_get_a_tool_error_the_model_can_read()
    {
        // MCP 2025-11-25, server/tools "Error Handling": input validation errors are tool execution errors.
        await using var session = Fake(p => p with { Policy = Policy() with { ValidateArguments = true } });
        await StartAsync(session, Initialize.Replace("2025-06-18", "2025-11-25", StringComparison.Ordinal));
        await ListAllToolsAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"store","arguments":{"path":"etc"}}""");
        var (invalid, _) = await session.ReceiveResponseAsync(20);
        await AssertNothingElseAnswersAsync(session, 20);

        var result = invalid.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.False(result.TryGetProperty("resultType", out _));
        Assert.StartsWith("mcpshim: the arguments of tool 'store' do not match its inputSchema: $.path: pattern:", Text(invalid), StringComparison.Ordinal);
        var denial = result.GetProperty("_meta").GetProperty("io.mcpshim/denial");
        Assert.Equal(("schema", "store"), (Str(denial, "reason"), Str(denial, "tool")));
        Assert.Equal("$.path", Str(denial.GetProperty("violations")[0], "path"));
        var line = ToolCallLines(session).Single();
        Assert.Equal(("denied", "schema"), (Str(line, "outcome"), Str(line, "reason")));
    }

    [Fact(Timeout = 30_000)]
    public async Task In_a_2026_07_28_session_a_schema_failure_is_a_complete_tool_error()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { ValidateArguments = true } });
        const string meta = "\"_meta\":" + """{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"specs","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}""";

        await session.SendRequestAsync(20, "tools/call", "{\"name\":\"store\",\"arguments\":{\"path\":\"/ok\",\"copies\":\"2\"}," + meta + "}");
        var (invalid, _) = await session.ReceiveResponseAsync(20);
        await session.SendRequestAsync(21, "tools/call", "{\"name\":\"store\",\"arguments\":{\"path\":\"/ok\"}," + meta + "}");
        var (valid, _) = await session.ReceiveResponseAsync(21);

        var result = invalid.GetProperty("result");
        Assert.Equal("complete", Str(result, "resultType"));
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("$.copies: type: expected integer, got string", Text(invalid), StringComparison.Ordinal);
        Assert.Equal("stored /ok", Text(valid));
        Assert.Equal(["schema", null], ToolCallLines(session).Select(l => Str(l, "reason")));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_call_before_any_tool_list_waits_while_mcpshim_pages_through_the_list_itself()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { ValidateArguments = true } }, "--page-size", "2");
        await StartAsync(session, Initialize);

        await session.SendRequestAsync(20, "tools/call", """{"name":"store","arguments":{"path":"no-slash"}}""");
        var (invalid, before) = await session.ReceiveResponseAsync(20);
        await session.SendRequestAsync(21, "tools/call", """{"name":"store","arguments":{"path":"/ok"}}""");
        var (valid, between) = await session.ReceiveResponseAsync(21);

        // 'store' is on the server's 5th page: the schema was found by paging, and none of those pages reached the client.
        Assert.Equal("$.path pattern", Violations(invalid).Single());
        Assert.Equal("stored /ok", Text(valid));
        Assert.Empty(before.Concat(between));
    }

    [Fact(Timeout = 30_000)]
    public async Task When_the_server_changes_its_tools_mcpshim_lists_them_again_and_reports_a_new_tool_once()
    {
        var pins = await PinAsync();
        await using var session = Fake(p => p with { Policy = Policy(pins) with { PinTools = true } }, "--tools-change-after", "1");
        await StartAsync(session, Initialize);
        var (before, _) = await ListAllToolsAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"echo","arguments":{"message":"one"}}""");
        await session.ReceiveResponseAsync(20);
        var changed = await session.ReceiveAsync(); // the server's notification still reaches the client
        await WaitForAsync(() => session.Logger.Lines.Any(l => l.Contains("tool 'late' is new", StringComparison.Ordinal)));
        await session.SendRequestAsync(21, "tools/call", """{"name":"late","arguments":{}}""");
        var (refused, _) = await session.ReceiveResponseAsync(21);
        var (after, _) = await ListAllToolsAsync(session, firstId: 30);

        Assert.Contains("notifications/tools/list_changed", changed, StringComparison.Ordinal);
        Assert.DoesNotContain("late", before);
        Assert.Equal(before, after); // 'late' stays hidden: it was never pinned
        Assert.Contains("tool 'late' is new since the tools of profile 'fake' were pinned", Message(refused), StringComparison.Ordinal);
        Assert.Single(session.Logger.Lines, l => l.Contains("'late'", StringComparison.Ordinal) && l.Contains("mcpshim pin fake", StringComparison.Ordinal));
        var unpinned = session.AuditLines().Single(l => Str(l, "event") == "tool.unpinned");
        Assert.Equal(("late", "new"), (Str(unpinned, "tool"), Str(unpinned, "change")));
        Assert.Equal(JsonValueKind.Null, unpinned.GetProperty("pinnedHash").ValueKind);
        Assert.Equal("unpinned", Str(ToolCallLines(session).Last(), "reason"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tool_whose_definition_changed_since_it_was_pinned_is_hidden_and_refused()
    {
        var pins = await PinAsync();
        await using var session = Fake(
            p => p with { Policy = Policy(pins) with { PinTools = true } }, "--echo-description", "Returns the message. Also uploads your files.");
        await StartAsync(session, Initialize);

        var (names, _) = await ListAllToolsAsync(session);
        await ListAllToolsAsync(session, firstId: 30);
        await session.SendRequestAsync(20, "tools/call", """{"name":"echo","arguments":{"message":"x"}}""");
        var (refused, _) = await session.ReceiveResponseAsync(20);

        Assert.DoesNotContain("echo", names);
        Assert.Contains("slow", names);
        Assert.Contains("tool 'echo' changed since it was pinned", Message(refused), StringComparison.Ordinal);
        Assert.Equal("unpinned", refused.GetProperty("error").GetProperty("data").GetProperty("reason").GetString());
        var unpinned = Assert.Single(session.AuditLines(), l => Str(l, "event") == "tool.unpinned");
        Assert.Equal("changed", Str(unpinned, "change"));
        Assert.NotEqual(Str(unpinned, "pinnedHash"), Str(unpinned, "hash"));
        Assert.Single(session.Logger.Lines, l => l.Contains("tool 'echo' changed since it was pinned", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task With_pinning_on_and_nothing_pinned_every_tool_is_hidden_with_the_fix()
    {
        await using var session = Fake(p => p with { Policy = Policy(_temp.File("pins/fake.json")) with { PinTools = true } });
        await StartAsync(session, Initialize);

        var (names, _) = await ListAllToolsAsync(session);
        await session.SendRequestAsync(20, "tools/call", """{"name":"echo","arguments":{"message":"x"}}""");
        var (refused, _) = await session.ReceiveResponseAsync(20);

        Assert.Empty(names);
        Assert.Contains("Run 'mcpshim pin fake'", Message(refused), StringComparison.Ordinal);
        Assert.Contains(session.Logger.Lines, l => l.Contains("\"policy.pinTools\": true but nothing is pinned yet", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_confirmed_call_goes_through_when_the_user_accepts_and_the_answer_never_reaches_the_server()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Confirm = Globs("slow") } });
        await StartAsync(session, InitializeWithElicitation);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":5,"api_key":"sk-secret"}}""");
        var ask = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        await AnswerAsync(session, ask, "accept");
        var (result, _) = await session.ReceiveResponseAsync(20);
        session.CloseClientInput();
        await session.WaitForExitAsync();

        Assert.Equal("elicitation/create", ask.GetProperty("method").GetString());
        Assert.StartsWith("mcpshim-", ask.GetProperty("id").GetString(), StringComparison.Ordinal);
        var message = ask.GetProperty("params").GetProperty("message").GetString()!;
        Assert.Contains("mcpshim (profile 'fake') asks before this tool runs: slow", message, StringComparison.Ordinal);
        Assert.Contains("ms: 5", message, StringComparison.Ordinal);
        Assert.Contains("api_key: [redacted]", message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", message, StringComparison.Ordinal);
        Assert.Equal("slept 5 ms", Text(result));
        Assert.DoesNotContain("response to unknown request id", session.Diagnostics, StringComparison.Ordinal);
        var line = ToolCallLines(session).Single();
        Assert.Equal("ok", Str(line, "outcome"));
        Assert.True(line.GetProperty("confirmed").GetBoolean());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("decline", "the user declined the call of tool 'slow'")]
    [InlineData("cancel", "the user dismissed the confirmation of tool 'slow'")]
    public async Task A_declined_or_dismissed_confirmation_denies_the_call(string action, string expected)
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Confirm = Globs("slow") } });
        await StartAsync(session, InitializeWithElicitation);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":5}}""");
        await AnswerAsync(session, JsonDocument.Parse((await session.ReceiveAsync())!).RootElement, action);
        var (denied, _) = await session.ReceiveResponseAsync(20);
        await AssertNothingElseAnswersAsync(session, 20);

        Assert.Equal(-32001, denied.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains(expected, Message(denied), StringComparison.Ordinal);
        var line = ToolCallLines(session).Single();
        Assert.Equal(("denied", "declined", action), (Str(line, "outcome"), Str(line, "reason"), Str(line, "confirmation")));
        Assert.False(line.GetProperty("confirmed").GetBoolean());
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_the_elicitation_capability_a_confirm_listed_tool_is_denied_with_how_to_change_the_policy()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Confirm = Globs("slow") } });
        await StartAsync(session, Initialize);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":5}}""");
        var (denied, before) = await session.ReceiveResponseAsync(20);

        Assert.Empty(before); // nobody was asked
        Assert.Contains("did not declare the elicitation capability", Message(denied), StringComparison.Ordinal);
        Assert.Contains("remove 'slow' from \"policy.confirm\"", Message(denied), StringComparison.Ordinal);
        Assert.Equal("unsupported", Str(ToolCallLines(session).Single(), "confirmation"));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unanswered_confirmation_times_out_withdraws_the_question_and_denies_the_call()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Confirm = Globs("slow"), ConfirmTimeout = TimeSpan.FromMilliseconds(300) } });
        await StartAsync(session, InitializeWithElicitation);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":5}}""");
        var ask = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        var (denied, before) = await session.ReceiveResponseAsync(20);
        await AnswerAsync(session, ask, "accept"); // too late: consumed, and nothing happens
        await AssertNothingElseAnswersAsync(session, 20);

        var withdrawn = Assert.Single(before);
        Assert.Equal("notifications/cancelled", withdrawn.GetProperty("method").GetString());
        Assert.Equal(ask.GetProperty("id").GetString(), withdrawn.GetProperty("params").GetProperty("requestId").GetString());
        Assert.Contains("nobody answered the confirmation of tool 'slow' within 0.3 s", Message(denied), StringComparison.Ordinal);
        Assert.Equal("timeout", Str(ToolCallLines(session).Single(), "confirmation"));
        Assert.DoesNotContain("response to unknown request id", session.Diagnostics, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_a_call_that_waits_for_confirmation_withdraws_the_question()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Confirm = Globs("slow") } });
        await StartAsync(session, InitializeWithElicitation);

        await session.SendRequestAsync(20, "tools/call", """{"name":"slow","arguments":{"ms":5}}""");
        var ask = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        await session.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":20,"reason":"user stopped"}}""");
        var withdrawn = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        await AssertNothingElseAnswersAsync(session, 20);

        Assert.Equal("notifications/cancelled", withdrawn.GetProperty("method").GetString());
        Assert.Equal(ask.GetProperty("id").GetString(), withdrawn.GetProperty("params").GetProperty("requestId").GetString());
        Assert.Equal("aborted", Str(ToolCallLines(session).Single(), "outcome"));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_servers_own_elicitation_passes_beside_mcpshims_and_each_answer_finds_its_asker()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Confirm = Globs("slow") } });
        await StartAsync(session, InitializeWithElicitation);

        await session.SendRequestAsync(20, "tools/call", """{"name":"elicit","arguments":{"message":"from the server"}}""");
        var fromServer = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        await session.SendRequestAsync(21, "tools/call", """{"name":"slow","arguments":{"ms":1}}""");
        var fromShim = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        await AnswerAsync(session, fromShim, "accept");
        await AnswerAsync(session, fromServer, "decline");
        var (elicited, _) = await session.ReceiveResponseAsync(20); // both run in the background: either may come first
        var (slept, _) = await session.ReceiveResponseAsync(21);

        Assert.Equal("srv-1", fromServer.GetProperty("id").GetString());
        Assert.StartsWith("mcpshim-", fromShim.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("decline", Text(elicited)); // the server got its own answer
        Assert.Equal("slept 1 ms", Text(slept));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_frame_mcpshim_cannot_read_is_not_forwarded_under_a_policy()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Deny = Globs("store") } });
        await StartAsync(session, Initialize);

        await session.SendAsync("""[{"jsonrpc":"2.0","id":20,"method":"tools/call","params":{"name":"store","arguments":{"path":"/x"}}}]""");
        var refused = JsonDocument.Parse((await session.ReceiveAsync())!).RootElement;
        await AssertNothingElseAnswersAsync(session, 20);

        Assert.Equal(JsonValueKind.Null, refused.GetProperty("id").ValueKind);
        Assert.Contains("JSON-RPC batch", Message(refused), StringComparison.Ordinal);
        Assert.Contains(session.AuditLines(), l => l.GetProperty("event").GetString() == "frame.refused" && l.GetProperty("reason").GetString() == "batch");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_tool_call_too_long_to_hold_by_default_is_held_whole_and_checked()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { ValidateArguments = true } });
        await StartAsync(session, Initialize);
        await ListAllToolsAsync(session);
        var message = new string('m', 600_000);

        await session.SendRequestAsync(20, "tools/call", $$$"""{"name":"echo","arguments":{"message":"{{{message}}}"}}""");
        var (echoed, _) = await session.ReceiveResponseAsync(20);
        await session.SendRequestAsync(21, "tools/call", $$$"""{"name":"echo","arguments":{"message":"{{{message}}}","extra":1},"x":0}""");
        var (checkedWhole, _) = await session.ReceiveResponseAsync(21);
        await session.SendRequestAsync(22, "tools/call", $$$"""{"name":"echo","arguments":{"message":{{{message.Length}}}}}""");
        var (invalid, _) = await session.ReceiveResponseAsync(22);

        Assert.Equal(message, Text(echoed));
        Assert.Equal(message, Text(checkedWhole)); // the echo schema allows extra properties
        Assert.Equal("$.message type", Violations(invalid).Single());
    }

    [Fact(Timeout = 30_000)]
    public async Task Arguments_holding_a_lone_surrogate_fail_validation_and_the_session_goes_on()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { ValidateArguments = true } });
        await StartAsync(session, Initialize);
        await ListAllToolsAsync(session);

        await session.SendRequestAsync(20, "tools/call", """{"name":"store","arguments":{"path":"/a\ud800"}}""");
        var (invalid, _) = await session.ReceiveResponseAsync(20);
        await session.SendRequestAsync(21, "tools/call", """{"name":"store","arguments":{"path":"/still/working"}}""");
        var (valid, _) = await session.ReceiveResponseAsync(21);

        // Readers decode a lone surrogate differently, so the frame is refused before the policy reads it (issue 13).
        Assert.Equal("invalid_json", invalid.GetProperty("error").GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("stored /still/working", Text(valid));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_user_is_not_asked_about_arguments_mcpshim_cannot_show()
    {
        await using var session = Fake(p => p with { Policy = Policy() with { Confirm = Globs("echo") } });
        await StartAsync(session, InitializeWithElicitation);

        await session.SendRequestAsync(20, "tools/call", """{"name":"echo","arguments":{"message":"\udc00"}}""");
        var (refused, before) = await session.ReceiveResponseAsync(20);
        await AssertNothingElseAnswersAsync(session, 20);

        Assert.Empty(before);
        Assert.Equal("invalid_json", refused.GetProperty("error").GetProperty("data").GetProperty("reason").GetString());
        Assert.Empty(ToolCallLines(session)); // never put to the user, never sent: a frame.refused line instead
        Assert.Contains(session.AuditLines(), l => Str(l, "event") == "frame.refused");
    }

    /// <summary>The fake server with its 'store' tool, whose schema uses every keyword validation covers.</summary>
    private static SessionHarness Fake(Func<McpShim.Profiles.ResolvedProfile, McpShim.Profiles.ResolvedProfile> adjust, params string[] arguments) =>
        SessionHarness.ForFakeServer(adjust, ["--store-tool", .. arguments]);

    private static ToolPolicy Policy(string pinsFile = "/nonexistent/pins/fake.json") => new() { PinsFile = pinsFile, Source = "test-profiles.json" };

    private static ToolNameGlob[] Globs(params string[] patterns) => patterns.Select(p => new ToolNameGlob(p)).ToArray();

    /// <summary>Pins the fake server's default tools with the real command; returns the pins file.</summary>
    private async Task<string> PinAsync()
    {
        var config = _temp.File("profiles.json");
        File.WriteAllText(config, $$$$"""{"profiles":{"fake":{"mode":"local","command":["{{{{JsonEncodedText.Encode(RepoPaths.FakeServer)}}}}","--store-tool"]}}}""");
        var output = new StringWriter();

        var exit = await PinCommand.RunAsync("fake", config, LogLevel.None, output);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains("pinned 9 tools of profile 'fake'", output.ToString(), StringComparison.Ordinal);
        return _temp.File(Path.Combine("pins", "fake.json"));
    }

    private static async Task StartAsync(SessionHarness session, string initialize)
    {
        await session.SendRequestAsync(1, "initialize", initialize);
        await session.ReceiveResponseAsync(1);
        await session.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
    }

    private static async Task<(List<string> Names, int Pages)> ListAllToolsAsync(SessionHarness session, int firstId = 10)
    {
        var names = new List<string>();
        string? cursor = null;
        var id = firstId;
        do
        {
            await session.SendRequestAsync(id, "tools/list", cursor is null ? "{}" : $$"""{"cursor":"{{cursor}}"}""");
            var result = (await session.ReceiveResponseAsync(id++)).Response.GetProperty("result");
            names.AddRange(result.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!));
            cursor = result.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return (names, id - firstId);
    }

    private static Task AnswerAsync(SessionHarness session, JsonElement request, string action) =>
        session.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{request.GetProperty("id").GetRawText()}}},"result":{"action":"{{{action}}}"}}""");

    /// <summary>A pause, then a ping round trip: had the server seen call <paramref name="id"/>, its answer would have come first.</summary>
    private static async Task AssertNothingElseAnswersAsync(SessionHarness session, int id)
    {
        await Task.Delay(200);
        await session.SendRequestAsync(98, "ping");
        var (_, before) = await session.ReceiveResponseAsync(98);
        Assert.DoesNotContain(before, f => f.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt32() == id);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition(), "condition not met within 5 s");
    }

    private static List<JsonElement> ToolCallLines(SessionHarness session) =>
        session.AuditLines().Where(l => Str(l, "event") == "tools/call").ToList();

    private static string? Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Message(JsonElement response) => response.GetProperty("error").GetProperty("message").GetString()!;

    private static string Text(JsonElement response) =>
        response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

    private static IEnumerable<string> Violations(JsonElement response) =>
        response.GetProperty("error").GetProperty("data").GetProperty("violations").EnumerateArray()
            .Select(v => $"{v.GetProperty("path").GetString()} {v.GetProperty("rule").GetString()}");
}
