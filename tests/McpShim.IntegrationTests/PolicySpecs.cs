using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpShim.IntegrationTests;

/// <summary>
/// The tool policy of issue 4, seen by the official C# SDK client through the published AOT binary, against the real
/// server-everything and server-filesystem containers.
/// </summary>
public sealed class PolicySpecs
{
    private const string FilesystemImage = "mcpshim/filesystem:latest";
    private static readonly TimeSpan AuditWait = TimeSpan.FromSeconds(20);

    [DockerFact(Timeout = 120_000)]
    public async Task Tools_the_policy_denies_are_not_listed_and_calling_one_names_the_rule()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("deny", configure: p =>
            p["policy"] = JsonNode.Parse("""{"tools":{"allow":["echo","get-*"],"deny":["get-env","get-tiny-*"]}}"""));

        await using (var session = await sandbox.ConnectAsync(profile))
        {
            var names = (await session.Client.ListToolsAsync()).Select(t => t.Name).ToList();
            var refused = await Assert.ThrowsAsync<McpProtocolException>(() => session.Client.CallToolAsync("get-env", new Dictionary<string, object?>()).AsTask());
            var echoed = await session.EchoAsync("still allowed");

            Assert.Contains("echo", names);
            Assert.Contains("get-sum", names);
            Assert.DoesNotContain("get-env", names);
            Assert.DoesNotContain("get-tiny-image", names);
            Assert.All(names, n => Assert.True(n == "echo" || n.StartsWith("get-", StringComparison.Ordinal), n));
            Assert.Equal(-32602, (int)refused.ErrorCode);
            Assert.Contains("matches \"get-env\" in \"policy.tools.deny\"", refused.Message, StringComparison.Ordinal);
            Assert.Contains("still allowed", echoed, StringComparison.Ordinal);
        }

        var denied = ToolCalls(await sandbox.Audit.WaitForEventAsync("session.end", AuditWait)).Single(r => Str(r, "outcome") == "denied");
        Assert.Equal(("get-env", "policy.deny"), (Str(denied, "tool"), Str(denied, "reason")));
    }

    [DockerFact(Timeout = 120_000)]
    public async Task A_read_only_profile_lists_and_runs_only_tools_the_server_marks_read_only()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("readonly", configure: p => p["policy"] = new JsonObject { ["readOnly"] = true });

        await using var session = await sandbox.ConnectAsync(profile);
        var tools = await session.Client.ListToolsAsync();
        var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
            session.Client.CallToolAsync("toggle-simulated-logging", new Dictionary<string, object?>()).AsTask());

        Assert.Contains(tools, t => t.Name == "echo");
        Assert.DoesNotContain(tools, t => t.Name == "toggle-simulated-logging");
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, t.Name));
        Assert.Contains("is read-only (\"policy.readOnly\": true", refused.Message, StringComparison.Ordinal);
        Assert.Contains("sum", await session.EchoAsync("sum"), StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Arguments_that_break_the_servers_input_schema_never_reach_it()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("schema", configure: p => p["policy"] = new JsonObject { ["validateArguments"] = true });

        await using (var session = await sandbox.ConnectAsync(profile))
        {
            // MCP 2025-11-25 on: input validation errors are tool execution errors (isError), which the model reads.
            var wrongType = await session.Client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = "one", ["b"] = 2 });
            var missing = await session.Client.CallToolAsync("echo", new Dictionary<string, object?>());
            var notInList = await session.Client.CallToolAsync("get-structured-content", new Dictionary<string, object?> { ["location"] = "Paris" });
            var sum = await session.Client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 });

            Assert.All([wrongType, missing, notInList], r => Assert.True(r.IsError));
            Assert.Contains("$.a: type: expected number, got string", ShimSession.TextOf(wrongType), StringComparison.Ordinal);
            Assert.Contains("$: required: missing property 'message'", ShimSession.TextOf(missing), StringComparison.Ordinal);
            Assert.Contains("$.location: enum: \"Paris\" is not one of \"New York\", \"Chicago\", \"Los Angeles\"", ShimSession.TextOf(notInList), StringComparison.Ordinal);
            Assert.Contains("3", ShimSession.TextOf(sum), StringComparison.Ordinal);
        }

        var calls = ToolCalls(await sandbox.Audit.WaitForEventAsync("session.end", AuditWait));
        Assert.Equal(["schema", "schema", "schema", null], calls.Select(c => Str(c, "reason")));
    }

    [DockerFact(Timeout = 120_000)]
    public async Task A_confirm_listed_call_runs_once_the_user_accepts_in_the_clients_elicitation_handler()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("confirm", configure: p => p["policy"] = JsonNode.Parse("""{"confirm":["echo"]}"""));
        var asked = new ConcurrentQueue<string>();

        await using (var session = await sandbox.ConnectAsync(profile, Answering("accept", asked)))
        {
            var echoed = await session.EchoAsync("confirm-me");

            Assert.Contains("confirm-me", echoed, StringComparison.Ordinal);
            var question = Assert.Single(asked);
            Assert.Contains($"mcpshim (profile '{profile}') asks before this tool runs: echo", question, StringComparison.Ordinal);
            Assert.Contains("message: \"confirm-me\"", question, StringComparison.Ordinal);
        }

        var call = ToolCalls(await sandbox.Audit.WaitForEventAsync("session.end", AuditWait)).Single();
        Assert.Equal("ok", Str(call, "outcome"));
        Assert.True(call.GetProperty("confirmed").GetBoolean());
    }

    [DockerFact(Timeout = 120_000)]
    public async Task A_declined_confirmation_denies_the_call()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("decline", configure: p => p["policy"] = JsonNode.Parse("""{"confirm":["echo"]}"""));

        await using (var session = await sandbox.ConnectAsync(profile, Answering("decline", new ConcurrentQueue<string>())))
        {
            var declined = await Assert.ThrowsAsync<McpProtocolException>(() =>
                session.Client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "no" }).AsTask());

            Assert.Equal(-32001, (int)declined.ErrorCode);
            Assert.Contains("the user declined the call of tool 'echo'", declined.Message, StringComparison.Ordinal);
        }

        var call = ToolCalls(await sandbox.Audit.WaitForEventAsync("session.end", AuditWait)).Single();
        Assert.Equal(("denied", "declined", "decline"), (Str(call, "outcome"), Str(call, "reason"), Str(call, "confirmation")));
        Assert.False(call.GetProperty("confirmed").GetBoolean());
    }

    [DockerFact(Timeout = 120_000)]
    public async Task Without_the_elicitation_capability_a_confirm_listed_call_is_denied_with_the_way_out()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("nocap", configure: p => p["policy"] = JsonNode.Parse("""{"confirm":["echo"]}"""));

        await using var session = await sandbox.ConnectAsync(profile);
        var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
            session.Client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "x" }).AsTask());

        Assert.Contains("did not declare the elicitation capability", refused.Message, StringComparison.Ordinal);
        Assert.Contains("remove 'echo' from \"policy.confirm\"", refused.Message, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 180_000)]
    public async Task A_tool_whose_definition_no_longer_matches_its_pin_is_hidden_refused_and_reported()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("pinned", configure: p => p["policy"] = new JsonObject { ["pinTools"] = true });

        var pin = await ProcessRunner.RunAsync(ShimBinary.Path, ["pin", profile], sandbox.Environment, timeout: TimeSpan.FromSeconds(90));
        Assert.True(pin.Succeeded, pin.ToString());
        Assert.Contains($"tools of profile '{profile}'", pin.Stdout, StringComparison.Ordinal);
        var pinsFile = Path.Combine(sandbox.Folder, "pins", profile + ".json");
        await using (var session = await sandbox.ConnectAsync(profile))
        {
            Assert.Contains(await session.Client.ListToolsAsync(), t => t.Name == "echo");
            Assert.Contains("pinned", await session.EchoAsync("pinned"), StringComparison.Ordinal);
        }

        // The rug pull, as the pins see it: echo is no longer what was reviewed.
        var pins = JsonNode.Parse(File.ReadAllText(pinsFile))!;
        pins["tools"]!["echo"] = "sha256:" + new string('0', 64);
        File.WriteAllText(pinsFile, pins.ToJsonString());
        var stderr = new ConcurrentQueue<string>();
        await using (var session = await sandbox.ConnectAsync(profile, stderr: stderr))
        {
            var tools = await session.Client.ListToolsAsync();
            var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
                session.Client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "x" }).AsTask());

            Assert.DoesNotContain(tools, t => t.Name == "echo");
            Assert.Contains(tools, t => t.Name == "get-sum");
            Assert.Contains("tool 'echo' changed since it was pinned", refused.Message, StringComparison.Ordinal);
        }

        var records = await sandbox.Audit.WaitForEventAsync("session.end", AuditWait);
        Assert.Single(stderr, l => l.Contains("tool 'echo' changed since it was pinned", StringComparison.Ordinal));
        var unpinned = Assert.Single(records, r => Str(r, "event") == "tool.unpinned");
        Assert.Equal(("echo", "changed"), (Str(unpinned, "tool"), Str(unpinned, "change")));
        Assert.Equal("unpinned", Str(ToolCalls(records).Last(), "reason"));
    }

    [DockerFact(Timeout = 180_000)]
    public async Task On_a_real_filesystem_server_writes_happen_only_when_confirmed_and_denied_tools_stay_out_of_reach()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        Assert.True(await Docker.ImageExistsAsync(FilesystemImage), $"{FilesystemImage} is missing: build it with ./build.sh images");
        var work = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "work"));
        File.SetUnixFileMode(work.FullName, (UnixFileMode)0x1FF); // the server runs as 65532
        sandbox.SetTopLevel("allowedRoots", new JsonArray(sandbox.Folder));
        var profile = sandbox.AddProfile("fs", new JsonObject
        {
            ["image"] = FilesystemImage,
            ["volumes"] = new JsonArray(new JsonObject { ["host"] = work.FullName, ["container"] = "/workspace", ["readOnly"] = false }),
            ["policy"] = JsonNode.Parse("""{"tools":{"deny":["move_file"]},"validateArguments":true,"confirm":["write_file"]}"""),
        });
        var answers = new ConcurrentQueue<string>(["decline", "accept"]);
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult { Action = answers.TryDequeue(out var a) ? a : "cancel" }),
            },
        };

        await using var session = await sandbox.ConnectAsync(profile, options);
        var names = (await session.Client.ListToolsAsync()).Select(t => t.Name).ToList();
        var declined = await Assert.ThrowsAsync<McpProtocolException>(() => Write(session, "first").AsTask());
        var existsAfterDecline = File.Exists(Path.Combine(work.FullName, "a.txt"));
        var accepted = await Write(session, "second");
        var wrongType = await session.Client.CallToolAsync("read_text_file", new Dictionary<string, object?> { ["path"] = 42 });
        var moved = await Assert.ThrowsAsync<McpProtocolException>(() =>
            session.Client.CallToolAsync("move_file", new Dictionary<string, object?> { ["source"] = "/workspace/a.txt", ["destination"] = "/workspace/b.txt" }).AsTask());

        Assert.Contains("write_file", names);
        Assert.DoesNotContain("move_file", names);
        Assert.Contains("the user declined the call of tool 'write_file'", declined.Message, StringComparison.Ordinal);
        Assert.False(existsAfterDecline);
        Assert.True(accepted.IsError is not true, ShimSession.TextOf(accepted) + "\n" + session.Stderr);
        Assert.Equal("second", File.ReadAllText(Path.Combine(work.FullName, "a.txt")));
        Assert.True(wrongType.IsError); // a tool execution error from 2025-11-25 on
        Assert.Contains("$.path: type: expected string, got integer", ShimSession.TextOf(wrongType), StringComparison.Ordinal);
        Assert.Contains("\"policy.tools.deny\"", moved.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work.FullName, "a.txt")));
    }

    private static ValueTask<CallToolResult> Write(ShimSession session, string content) =>
        session.Client.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "/workspace/a.txt", ["content"] = content });

    /// <summary>A client whose user answers every confirmation with <paramref name="action"/>; the questions are kept.</summary>
    private static McpClientOptions Answering(string action, ConcurrentQueue<string> asked) => new()
    {
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Enqueue(request?.Message ?? string.Empty);
                return ValueTask.FromResult(new ElicitResult { Action = action });
            },
        },
    };

    private static List<JsonElement> ToolCalls(IReadOnlyList<JsonElement> records) =>
        records.Where(r => Str(r, "event") == "tools/call").ToList();

    private static string? Str(JsonElement record, string property) =>
        record.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
