using System.Security.Cryptography;
using McpShim.Platform;

namespace McpShim.Containers;

/// <summary>One relay session: its id and the owner facts written into container labels.</summary>
internal sealed record SessionInfo(string Id, string User, string Uid, string Host, int Pid, string? StartStamp)
{
    public static SessionInfo CreateForThisProcess()
    {
        var pid = Environment.ProcessId;
        return new SessionInfo(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ProcessIdentity.UserName,
            ProcessIdentity.Uid,
            ProcessIdentity.Host,
            pid,
            ProcessIdentity.StartStamp(pid));
    }
}
