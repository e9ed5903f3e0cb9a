namespace McpShim.Platform;

/// <summary>Who and what this process is: user, uid, host, and a start stamp that guards against pid reuse.</summary>
internal static class ProcessIdentity
{
    public static string UserName => Environment.UserName;

    /// <summary>The numeric uid on Unix; the user name elsewhere.</summary>
    public static string Uid => ShimPlatform.Current.Processes.Uid;

    public static string Host => Environment.MachineName;

    /// <summary>Where the OS offers one (Linux: start time from /proc), the process's start stamp; else null.</summary>
    public static string? StartStamp(int pid) => ShimPlatform.Current.Processes.StartStamp(pid);

    /// <summary>Whether the process that stamped a label is still alive (same pid and, where known, same start).</summary>
    public static bool IsAlive(int pid, string? startStamp) => ShimPlatform.Current.Processes.IsAlive(pid, startStamp);
}
