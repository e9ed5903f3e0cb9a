using System.Globalization;
using McpShim.Profiles;

namespace McpShim.Sandbox;

/// <summary>
/// A transient systemd user scope (<c>systemd-run --user --scope</c>) around a sandboxed server: it holds the
/// profile's memory, CPU and process limits for the server and all its children, which rlimits cannot. Used where the
/// user's systemd is reachable (a session bus); elsewhere those limits are named as not enforced.
/// </summary>
internal static class UserScope
{
    /// <summary>systemd-run's path, or null with the reason a user scope cannot be had here.</summary>
    public static (string? SystemdRun, string? Problem) Detect(Func<string, string?> environment)
    {
        var systemdRun = CommandRuntime.Find("systemd-run", environment("PATH") ?? "/usr/bin:/bin", "/");
        if (systemdRun is null)
            return (null, "systemd-run is not installed");
        var runtime = environment("XDG_RUNTIME_DIR");
        var bus = environment("DBUS_SESSION_BUS_ADDRESS");
        if (string.IsNullOrEmpty(bus) && (string.IsNullOrEmpty(runtime) || !File.Exists(Path.Combine(runtime, "bus"))))
            return (null, "there is no user session bus ($XDG_RUNTIME_DIR/bus), so systemd-run --user cannot reach your systemd");
        return (systemdRun, null);
    }

    /// <summary>The words that start the rest of the command line inside a scope with <paramref name="limits"/>.</summary>
    public static IReadOnlyList<string> Prefix(string systemdRun, ResolvedLimits limits)
    {
        var words = new List<string> { systemdRun, "--user", "--scope", "--quiet", "--collect" };
        if (MemorySize.Bytes(limits.Memory) is { } bytes)
            words.AddRange(["-p", "MemoryMax=" + bytes.ToString(CultureInfo.InvariantCulture)]);
        words.AddRange(["-p", "CPUQuota=" + (limits.Cpus * 100).ToString("0", CultureInfo.InvariantCulture) + "%"]);
        words.AddRange(["-p", "TasksMax=" + limits.Pids.ToString(CultureInfo.InvariantCulture), "--"]);
        return words;
    }
}
