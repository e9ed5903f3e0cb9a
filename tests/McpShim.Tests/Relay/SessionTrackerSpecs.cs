using System.Text;
using System.Text.Json;
using McpShim.Audit;
using McpShim.Relay;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

/// <summary>What the session remembers and audits of the frames it forwards.</summary>
public sealed class SessionTrackerSpecs
{
    [Fact]
    public void Every_tool_call_in_a_batch_is_audited_with_its_own_outcome()
    {
        using var folder = new TempFolder();
        var auditPath = folder.File("audit.jsonl");
        var logger = new ListLogger();
        using var log = new AuditLog(auditPath, logger);
        var tracker = new SessionTracker(new AuditRecorder(log, new SessionIdentity("s", "p", "u", null), ArgumentsMode.Keys), logger, 1 << 20);

        tracker.OnFrame(Direction.ClientToServer, Bytes("""
            [{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read","arguments":{"path":"/a"}}},
             {"jsonrpc":"2.0","method":"notifications/progress","params":{}},
             {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"write","arguments":{"path":"/b","text":"hi"}}},
             {"jsonrpc":"2.0","id":3,"method":"ping"}]
            """));
        Assert.Equal(3, tracker.Pending.Count);

        tracker.OnFrame(Direction.ServerToClient, Bytes("""
            [ {"jsonrpc":"2.0","id":2,"result":{"content":[],"isError":true}}, {"jsonrpc":"2.0","id":3,"result":{}},
              {"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"x"}]}} ]
            """));

        var calls = File.ReadAllLines(auditPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["write", "read"], calls.Select(c => c.GetProperty("tool").GetString()));
        Assert.Equal(["tool_error", "ok"], calls.Select(c => c.GetProperty("outcome").GetString()));
        Assert.Equal(["path", "text"], calls[0].GetProperty("arguments").EnumerateObject().Select(a => a.Name));
        Assert.Equal(0, tracker.Pending.Count);
        Assert.Equal(2, tracker.ToolCalls);
        Assert.Empty(logger.Lines); // a batch is JSON-RPC: not noted as a stray line
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}""")] // cut off
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}] x""")]
    [InlineData("""[1, "two"]""")]
    [InlineData("""not json""")]
    public void A_line_that_is_no_batch_of_messages_is_noted_and_tracks_nothing(string line)
    {
        using var folder = new TempFolder();
        var logger = new ListLogger();
        using var log = new AuditLog(folder.File("audit.jsonl"), logger);
        var tracker = new SessionTracker(new AuditRecorder(log, new SessionIdentity("s", "p", "u", null), ArgumentsMode.Keys), logger, 1 << 20);

        tracker.OnFrame(Direction.ClientToServer, Bytes(line));

        Assert.Equal(0, tracker.Pending.Count);
        Assert.Single(logger.Lines);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings(" "));
}
