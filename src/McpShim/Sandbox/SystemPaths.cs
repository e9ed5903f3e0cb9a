namespace McpShim.Sandbox;

/// <summary>
/// What every sandboxed server may use of the system (README "Sandboxed host mode"): programs and libraries read-only,
/// the dynamic linker's cache, CA certificates, time zones, the user and group names, a few devices, its own
/// <c>/proc/self</c> and the CPU and memory facts runtimes size themselves by. Name resolution files only with a network.
/// Paths that do not exist here are left out; a symlink (merged <c>/usr</c>, <c>/etc/resolv.conf</c>) grants its target.
/// <see cref="ForMacOS"/> is macOS's equivalent for the Seatbelt profile.
/// </summary>
internal static class SystemPaths
{
    private static readonly string[] Programs = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    private static readonly string[] Configuration =
    [
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/ssl", "/etc/ca-certificates", "/etc/pki",
        "/etc/crypto-policies", "/etc/localtime", "/etc/timezone", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
        "/proc/cpuinfo", "/proc/meminfo", "/proc/stat", "/sys/devices/system/cpu",
    ];

    private static readonly string[] NameResolution =
        ["/etc/resolv.conf", "/etc/hosts", "/etc/host.conf", "/etc/gai.conf", "/etc/services", "/etc/protocols"];

    private static readonly string[] Devices = ["/dev/null", "/dev/zero", "/dev/full"];

    private static readonly string[] RandomDevices = ["/dev/random", "/dev/urandom"];

    public static IEnumerable<SandboxPath> ForLinux(bool network, Func<string, bool> exists)
    {
        foreach (var path in Programs.Where(exists))
            yield return new SandboxPath { Path = path, Access = SandboxAccess.ReadExecute, Reason = "system" };
        foreach (var path in Configuration.Concat(network ? NameResolution : []).Concat(RandomDevices).Where(exists))
            yield return new SandboxPath { Path = path, Access = SandboxAccess.Read, Reason = "system" };
        foreach (var path in Devices.Where(exists))
            yield return new SandboxPath { Path = path, Access = SandboxAccess.Device, Reason = "system" };

        // The launcher opens /proc/self as itself; execve keeps the pid, so the rule is the server's own /proc entry.
        yield return new SandboxPath { Path = "/proc/self", Access = SandboxAccess.Read, Reason = "system (the server's own /proc entry)" };
    }

    /// <summary>macOS: the OS and its frameworks, the dyld cache, Homebrew's prefix, certificates, zones, user names.</summary>
    public static IEnumerable<SandboxPath> ForMacOS(bool network, Func<string, bool> exists)
    {
        string[] programs = ["/usr", "/bin", "/sbin", "/System", "/Library/Apple", "/private/var/db/dyld", "/opt/homebrew"];
        string[] configuration =
        [
            "/private/etc/ssl", "/private/etc/passwd", "/private/etc/group", "/private/var/db/timezone",
            "/Library/Preferences/Logging", "/private/etc/localtime",
        ];
        string[] resolution = ["/private/etc/resolv.conf", "/private/etc/hosts", "/private/etc/services", "/private/var/run/resolv.conf"];
        foreach (var path in programs.Where(exists))
            yield return new SandboxPath { Path = path, Access = SandboxAccess.ReadExecute, Reason = "system" };
        foreach (var path in configuration.Concat(network ? resolution : []).Concat(RandomDevices).Where(exists))
            yield return new SandboxPath { Path = path, Access = SandboxAccess.Read, Reason = "system" };
        foreach (var path in Devices.Where(exists))
            yield return new SandboxPath { Path = path, Access = SandboxAccess.Device, Reason = "system" };
    }
}
