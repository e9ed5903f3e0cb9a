using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 13, "control characters": what a peer sends (a tool name, the server's stderr) cannot forge a line of
/// mcpshim's on its stderr. The published binary in local mode, driven by hand; stderr is read the way .NET reads
/// lines, which splits at a bare \r too, so a forged line would show up as a line of its own.
/// </summary>
public sealed class ForgedLogLineSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_tool_name_or_a_server_line_with_control_characters_shows_its_escapes_on_one_line()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var profile = sandbox.AddProfile("forge", new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(FakeServerBinary.Path),
            ["policy"] = JsonNode.Parse("""{"tools":{"deny":["evil*"]}}"""),
        });
        await using var shim = RawShimProcess.Start(["-v", "--config", sandbox.ConfigPath, profile], sandbox.Environment);

        await shim.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        await shim.ReadLineContainingAsync("\"id\":1", TimeSpan.FromSeconds(20));
        await shim.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"evil\nmcpshim: info: forged by a tool name\r\u001b[2K","arguments":{}}}""");
        await shim.ReadLineContainingAsync("\"id\":2", TimeSpan.FromSeconds(20));
        // The fake server logs the id of an answer it did not ask for: a peer's text on the server's stderr.
        await shim.SendAsync("""{"jsonrpc":"2.0","id":"x\rmcpshim: warn: forged by the server\u202e","result":{}}""");
        for (var i = 0; i < 200 && !shim.Stderr.Contains("response to unknown request id", StringComparison.Ordinal); i++)
            await Task.Delay(50);
        var lines = shim.Stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.DoesNotContain(lines, l => l.StartsWith("mcpshim: info: forged", StringComparison.Ordinal) || l.StartsWith("mcpshim: warn: forged", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mcpshim: info: policy: tools/call 'evil\\nmcpshim: info: forged by a tool name\\r\\x1b[2K' (id 2) denied", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == $"[{profile}] fake server: response to unknown request id x\\rmcpshim: warn: forged by the server\\u202e ignored");
        Assert.DoesNotContain('\u001b', shim.Stderr);
        Assert.DoesNotContain('\u202e', shim.Stderr);
    }
}
