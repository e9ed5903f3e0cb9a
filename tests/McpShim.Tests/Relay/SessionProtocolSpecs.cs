using System.Text;
using McpShim.Relay;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

public sealed class SessionProtocolSpecs
{
    private const string Meta = "\"_meta\":" + """{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"claude-code","version":"2.1.328"},"io.modelcontextprotocol/clientCapabilities":{}}""";

    [Fact]
    public void A_handshake_session_is_learned_from_initialize_and_its_answer()
    {
        var settled = 0;
        var protocol = new SessionProtocol { OnSettled = _ => settled++ };

        protocol.OnClientRequest("initialize", Bytes("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"inspector","version":"1.0"}}}"""));
        protocol.OnServerAnswer("initialize", Bytes("""{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"everything","version":"2.0"}}}"""));

        Assert.Equal((SessionProtocol.Handshake, "2025-06-18", "inspector", "everything", "initialize"), (protocol.Era, protocol.Version, protocol.Client?.Name, protocol.Server?.Name, protocol.LearnedFrom));
        Assert.True(protocol.Settled);
        Assert.Equal(1, settled);
    }

    [Fact]
    public void A_stateless_session_is_learned_from_the_requests_meta_and_the_servers_discover_answer()
    {
        var protocol = new SessionProtocol();

        protocol.OnClientRequest("server/discover", Bytes("{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\",\"method\":\"server/discover\",\"params\":{" + Meta + "}}"));
        protocol.OnServerAnswer("server/discover", Bytes("""{"jsonrpc":"2.0","id":"server-discover-probe-1","result":{"resultType":"complete","supportedVersions":["2026-07-28"],"capabilities":{},"_meta":{"io.modelcontextprotocol/serverInfo":{"name":"sdk-server","version":"2.4.0"}}}}"""));

        Assert.Equal((SessionProtocol.Stateless, "2026-07-28", "claude-code", "2.1.328", "sdk-server", "server/discover"), (protocol.Era, protocol.Version, protocol.Client?.Name, protocol.Client?.Version, protocol.Server?.Name, protocol.LearnedFrom));
    }

    [Fact]
    public void A_client_that_probes_and_falls_back_ends_in_the_handshake_era()
    {
        var protocol = new SessionProtocol();

        protocol.OnClientRequest("server/discover", Bytes("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"server/discover\",\"params\":{" + Meta + "}}"));
        protocol.OnServerAnswer("server/discover", Bytes("""{"jsonrpc":"2.0","id":"p","error":{"code":-32601,"message":"Method not found"}}"""));
        protocol.OnClientRequest("initialize", Bytes("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"claude-code","version":"2.1.328"}}}"""));
        protocol.OnServerAnswer("initialize", Bytes("""{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":{},"serverInfo":{"name":"old","version":"1"}}}"""));

        Assert.Equal((SessionProtocol.Handshake, "2025-11-25", "old"), (protocol.Era, protocol.Version, protocol.Server?.Name));
    }

    [Fact]
    public void Without_discover_the_server_is_learned_from_any_results_meta()
    {
        var protocol = new SessionProtocol();

        protocol.OnClientRequest("tools/list", Bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + Meta + "}}"));
        protocol.OnServerAnswer("tools/list", Bytes("""{"jsonrpc":"2.0","id":1,"result":{"resultType":"complete","tools":[],"ttlMs":0,"cacheScope":"private","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"s","version":"1"}}}}"""));

        Assert.Equal((SessionProtocol.Stateless, "s", "_meta"), (protocol.Era, protocol.Server?.Name, protocol.LearnedFrom));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_session_that_probes_then_initializes_is_audited_with_its_era_and_peers()
    {
        // The fake server speaks only the handshake era: it answers the probe with -32601, as old servers do.
        await using var session = SessionHarness.ForFakeServer();

        await session.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\",\"method\":\"server/discover\",\"params\":{" + Meta + "}}");
        var (probe, _) = await session.ReceiveResponseAsync("server-discover-probe-1");
        await session.SendRequestAsync(0, "initialize", """{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"claude-code","version":"2.1.328"}}""");
        await session.ReceiveResponseAsync(0);
        session.CloseClientInput();
        await session.WaitForExitAsync();

        Assert.Equal(-32601, probe.GetProperty("error").GetProperty("code").GetInt32());
        var audit = session.AuditLines();
        var line = Assert.Single(audit, l => l.GetProperty("event").GetString() == "session.protocol");
        Assert.Equal("2025-11-25", line.GetProperty("era").GetString());
        Assert.Equal("2025-11-25", line.GetProperty("protocolVersion").GetString());
        Assert.Equal("claude-code", line.GetProperty("client").GetProperty("name").GetString());
        Assert.Equal("fake-mcp-server", line.GetProperty("server").GetProperty("name").GetString());
        var end = Assert.Single(audit, l => l.GetProperty("event").GetString() == "session.end");
        Assert.Equal("2025-11-25", end.GetProperty("era").GetString());
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);
}
