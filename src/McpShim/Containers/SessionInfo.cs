using McpShim.Platform;

namespace McpShim.Containers;

/// <summary>One relay session: its id and the owner facts written into container labels.</summary>
internal sealed record SessionInfo(string Id, string User, string Uid, string Host, int Pid, string? StartStamp)
{
    /// <summary>12 hex digits: unique enough for names, and cheap (no crypto library load at start-up).</summary>
    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    public static SessionInfo CreateForThisProcess()
    {
        var pid = Environment.ProcessId;
        return new SessionInfo(
            NewId(),
            ProcessIdentity.UserName,
            ProcessIdentity.Uid,
            ProcessIdentity.Host,
            pid,
            ProcessIdentity.StartStamp(pid));
    }
}
