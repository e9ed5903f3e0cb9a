using System.Text.Json;
using McpShim.Audit;
using McpShim.Tests.Support;

namespace McpShim.Tests.Audit;

/// <summary>Every session.start gets exactly one session.end (issue 13), and a marker stands for the lines between.</summary>
public sealed class SessionEndSpecs : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ListLogger _logger = new();

    [Fact]
    public void The_session_end_line_is_written_once_however_often_it_is_asked_for()
    {
        using var log = new AuditLog(_folder.File("audit.jsonl"), _logger);
        var audit = new AuditRecorder(log, new SessionIdentity("s1", "p", "u", null), ArgumentsMode.Keys);
        audit.SessionStart("run", 1, "0.1.0");

        Assert.True(audit.SessionEnd("signal", null, 5, 0));
        Assert.False(audit.SessionEnd("client_closed", 0, 9, 0));

        var end = Assert.Single(Lines(), l => l.GetProperty("event").GetString() == "session.end");
        Assert.Equal("signal", end.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, end.GetProperty("exitCode").ValueKind);
    }

    [Fact]
    public void The_start_line_says_how_the_server_is_isolated_the_runtime_named_or_the_host_sandbox_on_or_off()
    {
        using var log = new AuditLog(_folder.File("audit.jsonl"), _logger);
        new AuditRecorder(log, new SessionIdentity("s1", "p", "u", null), ArgumentsMode.Keys).SessionStart("run", 1, "0.1.0", runtime: "runsc");
        new AuditRecorder(log, new SessionIdentity("s2", "p", "u", null), ArgumentsMode.Keys).SessionStart("local", 1, "0.1.0", sandboxed: true);
        new AuditRecorder(log, new SessionIdentity("s3", "p", "u", null), ArgumentsMode.Keys).SessionStart("local", 1, "0.1.0", sandboxed: false);
        new AuditRecorder(log, new SessionIdentity("s4", "p", "u", null), ArgumentsMode.Keys).SessionStart("exec", 1, "0.1.0");

        var starts = Lines().ToList();
        Assert.Equal("runsc", starts[0].GetProperty("runtime").GetString());
        Assert.False(starts[0].TryGetProperty("sandbox", out _));
        Assert.True(starts[1].GetProperty("sandbox").GetBoolean());
        Assert.False(starts[2].GetProperty("sandbox").GetBoolean());
        Assert.False(starts[3].TryGetProperty("runtime", out _) || starts[3].TryGetProperty("sandbox", out _));
    }

    [Fact]
    public void A_session_marker_exists_from_the_start_line_to_the_end_line_and_says_where_the_audit_goes()
    {
        var markers = _folder.File("sessions");
        using var log = new AuditLog(_folder.File("audit.jsonl"), _logger);
        var marker = new OpenSessionMarker(markers, "s1", "box", 4242, "777", _logger);
        var audit = new AuditRecorder(log, new SessionIdentity("s1", "p", "u", "img@sha256:1"), ArgumentsMode.Keys) { Marker = marker };

        audit.SessionStart("exec", 4242, "0.1.0");

        using (var written = JsonDocument.Parse(File.ReadAllText(marker.Path)))
        {
            var record = written.RootElement;
            Assert.Equal("s1", record.GetProperty("session").GetString());
            Assert.Equal(4242, record.GetProperty("pid").GetInt32());
            Assert.Equal("777", record.GetProperty("startStamp").GetString());
            Assert.Equal("img@sha256:1", record.GetProperty("image").GetString());
            Assert.Equal(log.Path, record.GetProperty("auditPath").GetString());
            Assert.Equal(Lines()[0].GetProperty("ts").GetString(), record.GetProperty("startedAt").GetString());
        }

        audit.SessionEnd("client_closed", 0, 1, 0);
        Assert.False(File.Exists(marker.Path));
    }

    public void Dispose() => _folder.Dispose();

    private List<JsonElement> Lines() =>
        [.. File.ReadAllLines(_folder.File("audit.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
