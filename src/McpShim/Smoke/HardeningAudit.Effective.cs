using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using McpShim.Containers;
using McpShim.Profiles;

namespace McpShim.Smoke;

/// <summary>
/// Issue 14: what the container really got (user, network, mounts), from <c>inspect</c> and from inside, compared with
/// what the profile asks for. A value spliced into another option, a swapped folder or an engine that ignored a setting
/// shows up here as a difference.
/// </summary>
internal static partial class HardeningAudit
{
    /// <summary>
    /// Prints the mount table and the network interfaces the server sees; where there is no /sys/class/net (gVisor,
    /// issue 19) the interfaces are the names in /proc/net/dev.
    /// </summary>
    private const string ViewProbe =
        "cat /proc/self/mountinfo; echo @@net; ls -1 /sys/class/net 2>/dev/null || sed -n 's/^ *\\([^:|]*\\):.*/\\1/p' /proc/net/dev";

    /// <summary>The user mcpshim gives the container: the profile's, else the image's numeric one, else the fallback.</summary>
    private static async Task<string?> ExpectedUserAsync(EngineCli cli, ResolvedProfile profile, CancellationToken cancellationToken)
    {
        try
        {
            var image = await ImageInspector.InspectAsync(cli, profile.Image!, null, cancellationToken);
            return HardeningFlags.ChooseUser(profile, image.Config);
        }
        catch (StartupException)
        {
            return profile.User;
        }
    }

    /// <summary>The user <c>inspect</c> reports must be numeric and the expected one, and the server must run as its uid.</summary>
    private static void CheckUser(ProfileReport report, string? inspected, string? expected, IReadOnlyList<ProcessStatus>? processes, string? serverUser = null)
    {
        var serverUid = serverUser is not null && ContainerUser.Parse(serverUser, out _) is { } parsedServer ? parsedServer.Uid : (long?)null;
        const string Check = "user as the profile says";
        var user = inspected is { Length: > 0 } ? ContainerUser.Parse(inspected, out _) : null;
        if (user is null)
        {
            report.Add(Phase, Check, CheckStatus.Fail, null,
                $"the container's user is '{inspected}', not a numeric UID:GID: its meaning depends on the image's /etc/passwd");
            return;
        }

        if (expected is not null && user.ToString() != expected)
        {
            report.Add(Phase, Check, CheckStatus.Fail, null, $"inspect says the container runs as {user}, mcpshim would give it {expected}");
            return;
        }

        if (processes is null or { Count: 0 })
        {
            report.Add(Phase, Check, CheckStatus.Pass, null, $"{user} (inspect; the processes inside could not be read, see above)");
            return;
        }

        bool IsAllowed(long uid) => uid == user.Uid || uid == serverUid;
        var others = processes.Where(p => p.Uids.Count < 2 || !IsAllowed(p.Uids[0]) || !IsAllowed(p.Uids[1])).ToList();
        report.Add(Phase, Check, others.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, null,
            others.Count == 0
                ? $"{user} (inspect); inside, uid {user.Uid.ToString(CultureInfo.InvariantCulture)} for {string.Join(", ", processes.Select(p => p.Describe()))}"
                : $"inspect says {user}, but inside {string.Join(", ", others.Select(p => $"{p.Describe()} runs as uid {string.Join('/', p.Uids)}"))}");
    }

    /// <summary>
    /// <c>inspect</c>'s mounts must be the profile's volumes as asked (type, source, read-only), plus only what mcpshim
    /// adds: read-only <c>.mcpignore</c> masks inside a bind mount, and the secrets folder at /run/secrets.
    /// </summary>
    private static CheckStatus CheckMountsAgainstProfile(JsonElement root, ResolvedProfile profile, out string detail)
    {
        var mounts = new List<(string Type, string Source, string Destination, bool Writable)>();
        if (root.TryGetProperty("Mounts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var mount in list.EnumerateArray())
            {
                var type = String(mount, "Type") ?? "?";
                mounts.Add((type, (type == "volume" ? String(mount, "Name") : String(mount, "Source")) ?? string.Empty, String(mount, "Destination") ?? "?", Bool(mount, "RW")));
            }
        }

        var problems = new List<string>();
        foreach (var volume in profile.Volumes)
        {
            var type = volume.Named ? "volume" : "bind";
            var found = mounts.Where(m => m.Destination == volume.Container).ToList();
            if (found.Count != 1)
                problems.Add($"{volume.Container}: {(found.Count == 0 ? "missing" : "mounted more than once")}");
            else if (found[0].Type != type || found[0].Source != volume.Host || found[0].Writable == volume.ReadOnly)
                problems.Add($"{volume.Container}: {Describe(found[0])}, the profile says {type} '{volume.Host}' {(volume.ReadOnly ? "ro" : "rw")}");
        }

        var masks = 0;
        foreach (var mount in mounts.Where(m => !profile.Volumes.Any(v => v.Container == m.Destination)))
        {
            if (IsMask(profile, mount.Destination, mount.Type, mount.Source, !mount.Writable))
                masks++;
            else if (!(mount.Destination == Secrets.SecretFiles.ContainerFolder && mount.Type == "bind" && !mount.Writable && profile.SecretsAs == SecretsDelivery.Files))
                problems.Add($"{mount.Destination}: {Describe(mount)}, which the profile does not ask for");
        }

        if (problems.Count > 0)
        {
            detail = string.Join("; ", problems);
            return CheckStatus.Fail;
        }

        detail = profile.Volumes.Count == 0 && masks == 0 ? "no volumes, none mounted"
            : string.Join(", ", profile.Volumes.Select(v => $"{v.Container} {(v.ReadOnly ? "ro" : "rw")}")) + (masks > 0 ? $", {masks} .mcpignore mask(s)" : string.Empty);
        return CheckStatus.Pass;
    }

    /// <summary>From inside: the mount table and the network interfaces the server sees.</summary>
    private static async Task AuditInsideViewAsync(EngineCli cli, string container, JsonElement root, ResolvedProfile profile, ProfileReport report, CancellationToken cancellationToken)
    {
        if (!(root.TryGetProperty("State", out var state) && Bool(state, "Running")))
            return; // said once already, by the process checks
        var started = Stopwatch.GetTimestamp();
        var probe = await cli.RunAsync(["exec", container, "sh", "-c", ViewProbe], cancellationToken: cancellationToken);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var parts = probe.Stdout.Split("@@net", 2);
        if (!probe.Succeeded || parts.Length != 2)
        {
            var why = $"cannot look inside: '{cli.Engine} exec {container} sh' failed ({probe.Stderr.Split('\n')[0].Trim()}); the image needs /bin/sh, cat and ls for this check";
            report.Add(Phase, "mounts seen inside", CheckStatus.Skip, ms, why);
            report.Add(Phase, "network seen inside", CheckStatus.Skip, null, why);
            return;
        }

        var (status, detail) = CheckInsideMounts(MountInfo.Parse(parts[0]), profile);
        report.Add(Phase, "mounts seen inside", status, ms, detail);

        var interfaces = parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var isolated = profile.Network == "none";
        var leaks = isolated && interfaces.Any(i => i != "lo");
        report.Add(Phase, "network seen inside", leaks ? CheckStatus.Fail : CheckStatus.Pass, null,
            leaks
                ? $"the profile says no network, but the server sees the interfaces {string.Join(", ", interfaces)}"
                : $"interfaces {string.Join(", ", interfaces)}" + (isolated ? " (loopback only, as \"network\": \"none\" says)" : $" (network '{profile.Network}')"));
    }

    /// <summary>Each volume mounted at its target with its read-only flag; nothing else but the runtime's own, /tmp, masks and secrets.</summary>
    public static (CheckStatus Status, string Detail) CheckInsideMounts(IReadOnlyList<MountInfo> mounts, ResolvedProfile profile)
    {
        var problems = new List<string>();
        foreach (var volume in profile.Volumes)
        {
            var seen = mounts.LastOrDefault(m => m.MountPoint == volume.Container);
            if (seen is null)
                problems.Add($"{volume.Container} is not mounted");
            else if (seen.ReadOnly != volume.ReadOnly)
                problems.Add($"{volume.Container} is {(seen.ReadOnly ? "read-only" : "writable")}, the profile says {(volume.ReadOnly ? "readOnly" : "readOnly: false")}");
        }

        var masks = 0;
        foreach (var mount in mounts.Where(m => !m.IsRuntimeOwn && m.MountPoint != HardeningFlags.TmpPath && !profile.Volumes.Any(v => v.Container == m.MountPoint)))
        {
            if (IsMask(profile, mount.MountPoint, mount.FsType == "tmpfs" ? "tmpfs" : "bind", mount.Root == "/null" ? "/dev/null" : mount.Source, mount.ReadOnly))
                masks++;
            else if (!(mount.MountPoint == Secrets.SecretFiles.ContainerFolder && mount.ReadOnly && profile.SecretsAs == SecretsDelivery.Files))
                problems.Add($"{ControlCharacters.Escape(mount.MountPoint)} ({mount.FsType} {ControlCharacters.Escape(mount.Root)}, {(mount.ReadOnly ? "ro" : "rw")}) is mounted, which the profile does not ask for");
        }

        if (problems.Count > 0)
            return (CheckStatus.Fail, string.Join("; ", problems));
        var asked = profile.Volumes.Select(v => $"{v.Container} {(v.ReadOnly ? "ro" : "rw")}").ToList();
        return (CheckStatus.Pass, (asked.Count == 0 ? "no volumes" : string.Join(", ", asked)) + (masks > 0 ? $", {masks} .mcpignore mask(s)" : string.Empty));
    }

    /// <summary>A read-only <c>/dev/null</c> or tmpfs inside a bind mount: what <see cref="IgnoreMasks"/> puts over an ignored path.</summary>
    private static bool IsMask(ResolvedProfile profile, string destination, string type, string source, bool readOnly) =>
        readOnly && (type == "tmpfs" || (type == "bind" && source == "/dev/null")) &&
        profile.Volumes.Any(v => !v.Named && destination.StartsWith(v.Container + "/", StringComparison.Ordinal));

    private static string Describe((string Type, string Source, string Destination, bool Writable) mount) =>
        $"{mount.Type} '{mount.Source}' {(mount.Writable ? "rw" : "ro")}";
}
