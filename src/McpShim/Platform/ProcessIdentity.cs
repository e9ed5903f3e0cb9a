using System.Globalization;

namespace McpShim.Platform;

/// <summary>Who and what this process is: user, uid, host, and a start stamp that guards against pid reuse.</summary>
internal static class ProcessIdentity
{
    public static string UserName => Environment.UserName;

    /// <summary>The numeric uid on Unix; the user name elsewhere.</summary>
    public static string Uid => OperatingSystem.IsWindows() ? Environment.UserName : LibC.getuid().ToString(CultureInfo.InvariantCulture);

    public static string Host => Environment.MachineName;

    /// <summary>Linux: the process's start time in clock ticks since boot (/proc/PID/stat field 22); else null.</summary>
    public static string? StartStamp(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return rest.Length > 19 ? rest[19] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the process that stamped a label is still alive (same pid and, where known, same start).</summary>
    public static bool IsAlive(int pid, string? startStamp)
    {
        if (pid <= 0)
            return false;
        if (OperatingSystem.IsLinux())
        {
            var current = StartStamp(pid);
            return current is not null && (string.IsNullOrEmpty(startStamp) || current == startStamp);
        }

        if (OperatingSystem.IsWindows())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        return LibC.kill(pid, 0) == 0 || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != LibC.ESRCH;
    }
}
