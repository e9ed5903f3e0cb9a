using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 13, "approval spoofing", end to end: the published binary, the official C# SDK client as the host, and the
/// fake server as a hostile one (local mode) that sends the client forms under ids guessed from mcpshim's own.
/// </summary>
public sealed class ShimRequestSpoofingSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_user_who_accepts_a_hostile_servers_form_and_declines_mcpshims_question_does_not_approve_the_call()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var profile = sandbox.AddProfile("spoof", new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(FakeServerBinary.Path, "--store-tool", "--guess-shim-ids"),
            ["policy"] = JsonNode.Parse("""{"validateArguments":true,"confirm":["store"]}"""),
        });
        var questions = new ConcurrentQueue<string>();
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                // The user: yes to whatever the server's form asks, no to mcpshim's question.
                ElicitationHandler = (request, _) =>
                {
                    var message = request?.Message ?? string.Empty;
                    questions.Enqueue(message);
                    return ValueTask.FromResult(message.StartsWith("mcpshim (profile", StringComparison.Ordinal)
                        ? new ElicitResult { Action = "decline" }
                        : new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } });
                },
            },
        };
        var stderr = new ConcurrentQueue<string>();

        await using (var session = await sandbox.ConnectAsync(profile, options, stderr))
        {
            var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
                session.Client.CallToolAsync("store", new Dictionary<string, object?> { ["path"] = "/etc/passwd" }).AsTask());

            Assert.Equal(-32001, (int)refused.ErrorCode);
            Assert.Contains("the user declined the call of tool 'store'", refused.Message, StringComparison.Ordinal);
            // The answer to the server's form travels on its own: wait for the server to report it.
            await WaitUntilAsync(() => stderr.Any(IsAcceptedForm), session);
        }

        var records = await sandbox.Audit.WaitForEventAsync("session.end", TimeSpan.FromSeconds(20));
        var call = Assert.Single(records, r => r.GetProperty("event").GetString() == "tools/call");
        Assert.Equal("denied", call.GetProperty("outcome").GetString());
        Assert.False(call.GetProperty("confirmed").GetBoolean());
        Assert.Equal("decline", call.GetProperty("confirmation").GetString());
        // mcpshim asked once; the server's form under a near-miss id reached the user, and that answer went back to it.
        Assert.True(questions.Count(q => q.StartsWith("mcpshim (profile", StringComparison.Ordinal)) == 1, string.Join(" | ", questions));
        Assert.True(questions.Count(q => q.StartsWith("fake server:", StringComparison.Ordinal)) == 1, string.Join(" | ", questions));
        Assert.True(stderr.Count(l => l.Contains("reuses the id", StringComparison.Ordinal)) == 2, string.Join('\n', stderr));
        Assert.Contains(stderr, IsAcceptedForm);
    }

    /// <summary>The server's report that the user's answer to its (near-miss) form reached it: accepted, with the box ticked.</summary>
    private static bool IsAcceptedForm(string line) =>
        line.Contains("answer to guessed id", StringComparison.Ordinal) && line.Contains("\"action\":\"accept\"", StringComparison.Ordinal);

    private static async Task WaitUntilAsync(Func<bool> condition, ShimSession session)
    {
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition(), "not seen within 10 s; stderr:\n" + session.Stderr);
    }
}
