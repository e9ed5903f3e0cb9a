using System.Globalization;

namespace McpShim.Smoke;

/// <summary>The lines of one <c>/proc/PID/status</c> that the hardening audit reads.</summary>
internal sealed record ProcessStatus(int Pid, int ParentPid, string Name, IReadOnlyList<long> Uids, string CapEff)
{
    /// <summary>Any of the real, effective, saved and filesystem uids is 0 (or the line was unreadable).</summary>
    public bool IsRoot => Uids.Count == 0 || Uids.Any(u => u == 0);

    /// <summary>The effective capability set is empty (all hex digits zero).</summary>
    public bool HasCapabilities => CapEff.Length == 0 || CapEff.Any(c => c != '0');

    public string Describe() =>
        $"pid {Pid.ToString(CultureInfo.InvariantCulture)} ({Name})";
}
