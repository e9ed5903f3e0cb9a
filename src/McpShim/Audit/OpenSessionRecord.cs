using System.Text.Json.Serialization;

namespace McpShim.Audit;

/// <summary>
/// What a later mcpshim needs to write a dead session's missing <c>session.end</c> line (issue 13): the fields every
/// audit line carries, where the audit file is, and which process ran the session (pid and start stamp, so a reused
/// pid does not pass for it).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class OpenSessionRecord
{
    public required string Session { get; init; }

    public required string Profile { get; init; }

    public required string User { get; init; }

    public string? Image { get; init; }

    public required string Mode { get; init; }

    /// <summary>Only this host's mcpshim can tell whether the pid still runs (the state folder may be shared).</summary>
    public required string Host { get; init; }

    public required int Pid { get; init; }

    public string? StartStamp { get; init; }

    /// <summary>The <c>ts</c> of the session's <c>session.start</c> line.</summary>
    public required string StartedAt { get; init; }

    public required string AuditPath { get; init; }
}
