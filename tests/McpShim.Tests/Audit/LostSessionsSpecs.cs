using System.Globalization;
using System.Text.Json;
using McpShim.Audit;
using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Audit;

/// <summary>
/// A later mcpshim writes the session.end (reason "lost") of a session whose mcpshim died before writing it, into that
/// session's own audit file, once (issue 13).
/// </summary>
public sealed class LostSessionsSpecs : IDisposable
{
    private const int DeadPid = 4_194_000;

    private readonly TempFolder _folder = new();
    private readonly ListLogger _logger = new();

    private string Markers => _folder.File("sessions");

    [UnixFact]
    public void A_dead_sessions_marker_gets_its_lost_end_line_written_and_goes()
    {
        var audit = StartedSession("dead01", DeadPid, "1", "box");

        var written = Reap();

        Assert.Equal(1, written);
        var end = Assert.Single(Lines(audit), l => l.GetProperty("event").GetString() == "session.end");
        Assert.Equal("lost", end.GetProperty("reason").GetString());
        Assert.Equal("dead01", end.GetProperty("session").GetString());
        Assert.Equal("img@sha256:1", end.GetProperty("image").GetString());
        Assert.Equal(DeadPid, end.GetProperty("pid").GetInt32());
        Assert.Equal("reaper", end.GetProperty("reapedBy").GetString());
        Assert.Equal(JsonValueKind.Null, end.GetProperty("exitCode").ValueKind);
        Assert.Empty(Directory.GetFiles(Markers));
        Assert.Equal(0, Reap()); // the next mcpshim finds nothing left to write
        Assert.Single(Lines(audit), l => l.GetProperty("event").GetString() == "session.end");
    }

    [UnixFact]
    public void A_live_session_a_reused_pid_aside_and_another_hosts_session_are_left_alone()
    {
        var self = Environment.ProcessId;
        var live = StartedSession("live01", self, ProcessIdentity.StartStamp(self), "box");
        var elsewhere = StartedSession("other1", DeadPid, "1", "another-host");
        var reused = StartedSession("reuse1", self, "1", "box"); // this pid, but started at another time: dead

        Assert.Equal(1, Reap());

        Assert.DoesNotContain(Lines(live), l => l.GetProperty("event").GetString() == "session.end");
        Assert.DoesNotContain(Lines(elsewhere), l => l.GetProperty("event").GetString() == "session.end");
        Assert.Single(Lines(reused), l => l.GetProperty("event").GetString() == "session.end");
        Assert.Equal(2, Directory.GetFiles(Markers).Length);
    }

    [UnixFact]
    public void A_marker_claimed_by_a_reaper_that_died_is_taken_over_and_a_live_reapers_claim_is_not()
    {
        var orphaned = StartedSession("orph01", DeadPid, "1", "box");
        var busy = StartedSession("busy01", DeadPid, "1", "box");
        File.Move(Path.Combine(Markers, "orph01.json"), Path.Combine(Markers, $"orph01.json.{DeadPid + 1}-5.reaping"));
        var self = Environment.ProcessId;
        File.Move(Path.Combine(Markers, "busy01.json"), Path.Combine(Markers, $"busy01.json.{self}-{ProcessIdentity.StartStamp(self)}.reaping"));

        Assert.Equal(1, Reap());

        Assert.Single(Lines(orphaned), l => l.GetProperty("event").GetString() == "session.end");
        Assert.DoesNotContain(Lines(busy), l => l.GetProperty("event").GetString() == "session.end");
    }

    public void Dispose() => _folder.Dispose();

    private int Reap() => LostSessions.Reap(Markers, "reaper", "box", Environment.ProcessId, ProcessIdentity.StartStamp(Environment.ProcessId), _logger);

    /// <summary>A session whose start line and marker are written, as if its mcpshim had then been killed.</summary>
    private string StartedSession(string session, int pid, string? stamp, string host)
    {
        var path = _folder.File($"audit-{session}.jsonl");
        using var log = new AuditLog(path, _logger);
        var audit = new AuditRecorder(log, new SessionIdentity(session, "p", "u", "img@sha256:1"), ArgumentsMode.Keys)
        {
            Marker = new OpenSessionMarker(Markers, session, host, pid, stamp, _logger),
        };
        audit.SessionStart("run", pid, "0.1.0");
        return path;
    }

    private static List<JsonElement> Lines(string path) =>
        [.. File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
