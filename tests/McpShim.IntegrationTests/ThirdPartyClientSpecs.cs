using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// The official TypeScript inspector CLI (a client nobody here wrote) starting mcpshim as a client does: the command
/// and its args only, with the TS SDK's minimal environment plus what it is told (-e), against server-everything in
/// a container.
/// </summary>
public sealed class ThirdPartyClientSpecs
{
    [InspectorFact(Timeout = 120_000)]
    public async Task The_TypeScript_inspector_lists_the_tools_of_a_server_behind_mcpshim()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("inspector");

        var result = await InspectAsync(sandbox, profile, "--method", "tools/list");

        Assert.True(result.Succeeded, result.ToString());
        using var listed = JsonDocument.Parse(JsonPart(result.Stdout));
        var names = listed.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("echo", names);
        Assert.Contains("get-env", names);
    }

    [InspectorFact(Timeout = 120_000)]
    public async Task The_TypeScript_inspector_calls_a_tool_and_the_call_is_audited()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("inspector-call");

        var result = await InspectAsync(sandbox, profile, "--method", "tools/call", "--tool-name", "echo", "--tool-arg", "message=héllo from TS");

        Assert.True(result.Succeeded, result.ToString());
        using var answer = JsonDocument.Parse(JsonPart(result.Stdout));
        Assert.Equal("Echo: héllo from TS", answer.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        var call = Assert.Single(sandbox.Audit.ReadRecords(), r => r.GetProperty("event").GetString() == "tools/call");
        Assert.Equal("echo", call.GetProperty("tool").GetString());
        Assert.Equal("ok", call.GetProperty("outcome").GetString());
    }

    [InspectorFact(Timeout = 120_000)]
    public async Task A_Node_client_gets_a_3_MB_answer_intact_through_the_socket_it_gave_mcpshim()
    {
        // Node gives a child socketpairs for stdio: mcpshim's answers go into a socket. Through the Engine API the
        // server's output is the attach stream, read and demultiplexed; through the docker CLI it is a pipe, spliced on Linux.
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("node-client");

        foreach (var via in new[] { "api", "cli" })
        {
            var environment = sandbox.Environment.Append(new("MCPSHIM_EXEC_VIA", via)).ToDictionary();
            var result = await ProcessRunner.RunAsync(
                "node", [ThirdPartyClients.EchoLarge, "1500000", ShimBinary.Path, "-v", profile], environment,
                timeout: TimeSpan.FromSeconds(90), workingDirectory: Path.GetDirectoryName(ThirdPartyClients.EchoLarge));

            Assert.True(result.Succeeded, result.ToString());
            using var answer = JsonDocument.Parse(result.Stdout);
            Assert.True(answer.RootElement.GetProperty("intact").GetBoolean(), result.ToString());
            if (via == "api")
                Assert.Contains("run via engine API at unix://", result.Stderr);
            else if (OperatingSystem.IsLinux())
                Assert.Contains("ServerToClient: frames over 256 KiB go on inside the kernel", result.Stderr);
        }

        var calls = sandbox.Audit.ReadRecords().Where(r => r.GetProperty("event").GetString() == "tools/call").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal("ok", call.GetProperty("outcome").GetString()));
        Assert.All(calls, call => Assert.True(call.GetProperty("bytesOut").GetInt64() > 3_000_000));
    }

    [ClaudeCodeFact(Timeout = 300_000)]
    public async Task Every_session_Claude_Codes_health_check_starts_gets_its_session_end_line()
    {
        // Issue 13: 'claude mcp list' stops each server with SIGINT, SIGTERM 100 ms later and SIGKILL 400 ms after
        // that, sooner than a container stops; 1 session in 3 lost its end line.
        await using var sandbox = await ShimSandbox.CreateAsync();
        var run = sandbox.AddEverythingProfile("claude-run");
        var exec = sandbox.AddEverythingProfile("claude-exec", mode: "exec");
        var home = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "home")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["XDG_STATE_HOME"] = Path.Combine(home, "state"),
            ["DISABLE_AUTOUPDATER"] = "1",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        };
        foreach (var profile in new[] { run, exec })
        {
            var added = await ProcessRunner.RunAsync(
                ThirdPartyClients.ClaudeCode,
                // The name first: -e takes every value up to "--".
                ["mcp", "add", profile, "-e", $"MCPSHIM_CONFIG={sandbox.ConfigPath}", "-e", $"MCPSHIM_AUDIT_FILE={sandbox.Audit.Path}", "--", ShimBinary.Path, profile],
                environment, timeout: TimeSpan.FromSeconds(60), workingDirectory: home);
            Assert.True(added.Succeeded, added.ToString());
        }

        for (var round = 0; round < 4; round++)
        {
            var listed = await ProcessRunner.RunAsync(ThirdPartyClients.ClaudeCode, ["mcp", "list"], environment, timeout: TimeSpan.FromSeconds(120), workingDirectory: home);
            Assert.True(listed.Succeeded, listed.ToString());
            Assert.Contains($"{run}: ", listed.Stdout, StringComparison.Ordinal);
            Assert.Contains("Connected", listed.Stdout, StringComparison.Ordinal);
        }

        // Claude Code does not wait for the servers it killed: give their last lines a moment.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<string> unended;
        IReadOnlyList<JsonElement> records;
        do
        {
            await Task.Delay(250);
            records = sandbox.Audit.ReadRecords();
            var ends = records.Where(r => r.GetProperty("event").GetString() == "session.end").Select(r => r.GetProperty("session").GetString()).ToList();
            unended = records.Where(r => r.GetProperty("event").GetString() == "session.start").Select(r => r.GetProperty("session").GetString()!)
                .Where(id => ends.Count(e => e == id) != 1).ToList();
        }
        while (unended.Count > 0 && DateTime.UtcNow < deadline);

        Assert.True(records.Count(r => r.GetProperty("event").GetString() == "session.start") >= 8, sandbox.Audit.ReadText());
        Assert.True(unended.Count == 0, $"sessions without exactly one session.end: {string.Join(", ", unended)}\n{sandbox.Audit.ReadText()}");
        Assert.DoesNotContain(records, r => r.TryGetProperty("reason", out var reason) && reason.GetString() == "lost");
    }

    /// <summary>Runs the inspector's CLI mode with mcpshim as the server command; mcpshim's settings reach it only through -e.</summary>
    private static Task<CommandResult> InspectAsync(ShimSandbox sandbox, string profile, params string[] arguments)
    {
        var pass = sandbox.Environment.Where(e => e.Key.StartsWith("MCPSHIM_", StringComparison.Ordinal) && e.Value is not null)
            .SelectMany(e => new[] { "-e", $"{e.Key}={e.Value}" });
        return ProcessRunner.RunAsync(
            "node", [ThirdPartyClients.InspectorCli, .. pass, "--cli", ShimBinary.Path, profile, .. arguments],
            timeout: TimeSpan.FromSeconds(90),
            // Inspector CLI 1.0.3 looks for its own package.json as "../package.json" from the working directory.
            workingDirectory: Path.GetDirectoryName(ThirdPartyClients.InspectorCli));
    }

    /// <summary>The inspector prints a deprecation banner before its JSON answer.</summary>
    private static string JsonPart(string stdout) => stdout[stdout.IndexOf('{', StringComparison.Ordinal)..];
}
