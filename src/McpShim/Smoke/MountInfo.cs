using System.Text;

namespace McpShim.Smoke;

/// <summary>
/// The mounts a process sees, from its <c>/proc/self/mountinfo</c> (proc(5)): for each, where it is mounted, whether
/// it is read-only, its filesystem type and source. Paths there escape space, tab, newline and backslash as octal
/// (<c>\040</c>, <c>\011</c>, <c>\012</c>, <c>\134</c>).
/// </summary>
internal sealed record MountInfo(string MountPoint, bool ReadOnly, string FsType, string Source, string Root)
{
    public static IReadOnlyList<MountInfo> Parse(string text)
    {
        var mounts = new List<MountInfo>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
            var fields = line.TrimEnd('\r').Split(' ');
            var separator = Array.IndexOf(fields, "-", 6);
            if (fields.Length < 6 || separator < 0 || separator + 2 >= fields.Length)
                continue;
            var options = fields[5].Split(',');
            mounts.Add(new MountInfo(Unescape(fields[4]), options.Contains("ro"), fields[separator + 1], Unescape(fields[separator + 2]), Unescape(fields[3])));
        }

        return mounts;
    }

    /// <summary>Whether the container runtime puts this mount in every container (proc, sys, dev, the resolver files, a read-only init).</summary>
    public bool IsRuntimeOwn =>
        MountPoint is "/" or "/etc/hosts" or "/etc/hostname" or "/etc/resolv.conf" ||
        (ReadOnly && (MountPoint.EndsWith("/docker-init", StringComparison.Ordinal) || MountPoint == "/run/podman-init")) ||
        MountPoint.StartsWith("/proc", StringComparison.Ordinal) || MountPoint.StartsWith("/sys", StringComparison.Ordinal) ||
        MountPoint.StartsWith("/dev", StringComparison.Ordinal);

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
            return field;
        var sb = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                sb.Append((char)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                sb.Append(field[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
