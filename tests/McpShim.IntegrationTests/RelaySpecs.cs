using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>An MCP client talks to server-everything in a run-mode container through the mcpshim binary.</summary>
public sealed class RelaySpecs
{
    [DockerFact(Timeout = 90_000)]
    public async Task I_can_initialize_list_tools_and_call_echo_through_mcpshim()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("relay");

        await using var session = await sandbox.ConnectAsync(profile);
        Assert.Equal("mcp-servers/everything", session.Client.ServerInfo?.Name);

        var tools = await session.Client.ListToolsAsync();
        var names = tools.Select(t => t.Name).ToList();
        Assert.Contains("echo", names);
        Assert.Contains("trigger-long-running-operation", names);

        var reply = await session.EchoAsync("hello through mcpshim");
        Assert.Equal("Echo: hello through mcpshim", reply);
    }

    [DockerFact(Timeout = 120_000)]
    public async Task I_can_echo_a_10_MB_message_and_get_it_back_intact()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("large");
        // Mostly ASCII with a multi-byte character every 1000 chars: frames are read in chunks, so a UTF-8 sequence
        // is bound to straddle a read boundary somewhere.
        var message = string.Create(EverythingImage.LargestEchoChars, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = i % 1000 == 999 ? (i % 2000 == 999 ? '€' : 'é') : (char)('a' + (i % 26));
        });

        await using var session = await sandbox.ConnectAsync(profile);
        var reply = await session.EchoAsync(message);

        var expected = "Echo: " + message;
        if (reply != expected)
        {
            var firstDifference = Enumerable.Range(0, Math.Min(reply.Length, expected.Length))
                .FirstOrDefault(i => reply[i] != expected[i], Math.Min(reply.Length, expected.Length));
            Assert.Fail($"the echo came back altered: {reply.Length} chars instead of {expected.Length}, " +
                        $"first difference at index {firstDifference}");
        }

        // The session is still usable after a frame that size.
        Assert.Equal("Echo: still alive", await session.EchoAsync("still alive"));
    }
}
