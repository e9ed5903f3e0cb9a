using System.Globalization;

namespace McpShim.Smoke;

/// <summary>
/// Reads the processes of a running container from inside it (<c>docker exec</c>): the probe prints its own pid, then
/// every <c>/proc/PID/status</c>. The probe and its children are left out, and so is the init process when the
/// container has one (<c>--init</c>: PID 1 is docker-init, the server is its child).
/// </summary>
internal static class ContainerProcesses
{
    /// <summary>The shell script run with <c>sh -c</c>; <c>cat</c> fails quietly for processes that just ended.</summary>
    public const string Probe =
        "echo \"probe $$\"; for f in /proc/[0-9]*/status; do echo \"== $f\"; cat \"$f\" 2>/dev/null; done";

    /// <summary>The processes the probe saw, without the probe itself (nor init when <paramref name="hasInit"/>).</summary>
    public static IReadOnlyList<ProcessStatus> Parse(string output, bool hasInit)
    {
        var probe = -1;
        var all = new List<ProcessStatus>();
        int? pid = null;
        int parent = -1;
        string name = "?", capEff = string.Empty;
        List<long> uids = [];

        void Flush()
        {
            if (pid is { } p)
                all.Add(new ProcessStatus(p, parent, name, uids, capEff));
            pid = null;
            parent = -1;
            name = "?";
            capEff = string.Empty;
            uids = [];
        }

        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith("probe ", StringComparison.Ordinal))
            {
                _ = int.TryParse(line.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out probe);
            }
            else if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                Flush();
            }
            else
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                    continue;
                var key = line[..colon];
                var value = line[(colon + 1)..].Trim();
                switch (key)
                {
                    case "Name":
                        name = value;
                        break;
                    case "Pid":
                        pid = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
                        break;
                    case "PPid":
                        parent = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pp) ? pp : -1;
                        break;
                    case "Uid":
                        uids = [.. value.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)
                            .Select(u => long.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)];
                        break;
                    case "CapEff":
                        capEff = value;
                        break;
                }
            }
        }

        Flush();
        return [.. all.Where(p => p.Pid != probe && p.ParentPid != probe && !(hasInit && p.Pid == 1))];
    }
}
