using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using McpShim.Containers;
using McpShim.Profiles;

namespace McpShim.Smoke;

/// <summary>
/// The hardening audit of a running container (README "Hardening"): what <c>docker inspect</c> says, then what the
/// server's processes look like from inside. It checks the baseline, not the profile's wishes: a profile that asks
/// for root or a writable root filesystem fails here on purpose, so CI notices. The user, network and mounts are
/// compared with the profile both as <c>inspect</c> reports them and as the server sees them from inside (issue 14),
/// so a widened container fails here whatever widened it.
/// </summary>
internal static partial class HardeningAudit
{
    private const string Phase = SmokePhase.Hardening;

    public static async Task RunAsync(EngineCli cli, string container, ResolvedProfile profile, ProfileReport report, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var inspected = await cli.RunAsync(["container", "inspect", container], cancellationToken: cancellationToken);
        var inspectMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!inspected.Succeeded)
        {
            report.Add(Phase, "container inspected", CheckStatus.Fail, inspectMs,
                $"'{cli.Engine} container inspect {container}' failed: {EngineProblems.Explain(cli.Engine, "container inspect", inspected, null)} " +
                "(did the server exit early? see the checks above)");
            return;
        }

        using var document = JsonDocument.Parse(inspected.Stdout);
        var root = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement[0] : document.RootElement;
        var config = root.GetProperty("Config");
        var host = root.GetProperty("HostConfig");

        var user = String(config, "User");
        report.Add(Phase, "user is not root", string.IsNullOrEmpty(user) || HardeningFlags.IsRoot(user) ? CheckStatus.Fail : CheckStatus.Pass, inspectMs,
            string.IsNullOrEmpty(user)
                ? "the container has no user, so it runs as root. Give the image a USER, or leave \"user\" out of the profile (mcpshim then uses 65532:65532)"
                : HardeningFlags.IsRoot(user)
                    ? $"the container runs as '{user}' (root). Remove \"user\" from the profile (mcpshim then uses the image's non-root user, else 65532:65532)"
                    : user);

        var readOnly = Bool(host, "ReadonlyRootfs");
        report.Add(Phase, "root filesystem read-only", readOnly ? CheckStatus.Pass : CheckStatus.Fail, null,
            readOnly ? "ReadonlyRootfs" : "ReadonlyRootfs is false: the server can change its own image's files");

        var capDrop = Strings(host, "CapDrop");
        var capAdd = Strings(host, "CapAdd");
        var dropsAll = capDrop.Any(c => c.Equals("ALL", StringComparison.OrdinalIgnoreCase));
        report.Add(Phase, "all capabilities dropped", dropsAll && capAdd.Count == 0 && !Bool(host, "Privileged") ? CheckStatus.Pass : CheckStatus.Fail, null,
            Bool(host, "Privileged") ? "the container is privileged: every capability and every device"
            : !dropsAll ? $"CapDrop is [{string.Join(", ", capDrop)}], not ALL"
            : capAdd.Count > 0 ? $"CapDrop ALL, but CapAdd gives back {string.Join(", ", capAdd)}"
            : "CapDrop ALL, no CapAdd");

        var securityOptions = Strings(host, "SecurityOpt");
        var noNewPrivileges = securityOptions.Any(o => o is "no-new-privileges" or "no-new-privileges:true" or "no-new-privileges=true");
        report.Add(Phase, "no-new-privileges", noNewPrivileges ? CheckStatus.Pass : CheckStatus.Fail, null,
            noNewPrivileges ? "set" : $"SecurityOpt is [{string.Join(", ", securityOptions)}]: setuid programs could raise privileges");

        var memory = Long(host, "Memory");
        report.Add(Phase, "memory limit", memory > 0 ? CheckStatus.Pass : CheckStatus.Fail, null,
            memory > 0 ? $"{memory / (1024 * 1024)} MiB" : "no memory limit: a runaway server can take the machine's memory");

        var pids = Long(host, "PidsLimit");
        report.Add(Phase, "pids limit", pids > 0 ? CheckStatus.Pass : CheckStatus.Fail, null,
            pids > 0 ? pids.ToString(CultureInfo.InvariantCulture) : "no pids limit: a fork bomb can exhaust the machine's processes");

        var network = String(host, "NetworkMode") ?? string.Empty;
        report.Add(Phase, "network mode", network == profile.Network ? CheckStatus.Pass : CheckStatus.Fail, null,
            network == profile.Network
                ? network + (network == "none" ? " (no network)" : " (egress allowed, as the profile says)")
                : $"the container's network is '{network}', the profile says '{profile.Network}'");

        CheckRuntime(host, profile, report);
        report.Add(Phase, "mounts read-only unless allowed", CheckMounts(root, profile, out var mounts), null, mounts);
        report.Add(Phase, "mounts as the profile says", CheckMountsAgainstProfile(root, profile, out var asked), null, asked);

        var expectedUser = await ExpectedUserAsync(cli, profile, cancellationToken);
        var processes = await AuditProcessesAsync(cli, container, root, report, cancellationToken);
        var serverUser = expectedUser;
        if (profile.Mode == Profiles.ProfileMode.Exec && expectedUser is not null)
            expectedUser = Containers.WarmContainer.KeepAliveUser(expectedUser); // the warm container's own user; servers are exec'd as serverUser
        CheckUser(report, user, expectedUser, processes, serverUser);
        await AuditInsideViewAsync(cli, container, root, profile, report, cancellationToken);
        await AuditInsideKernelAsync(cli, container, root, profile, report, cancellationToken);
    }

    /// <summary>Bind and volume mounts must be read-only unless a profile volume at that path has readOnly: false.</summary>
    private static CheckStatus CheckMounts(JsonElement root, ResolvedProfile profile, out string detail)
    {
        var allowed = profile.Volumes.Where(v => !v.ReadOnly).Select(v => v.Container.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var seen = new List<string>();
        var writable = new List<string>();
        if (root.TryGetProperty("Mounts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var mount in list.EnumerateArray())
            {
                var type = String(mount, "Type") ?? "?";
                var destination = String(mount, "Destination") ?? "?";
                var source = type == "volume" ? String(mount, "Name") : String(mount, "Source");
                var rw = Bool(mount, "RW");
                seen.Add($"{destination} {(rw ? "rw" : "ro")} ({type} {source})");
                // A tmpfs is scratch memory that ends with the container, like /tmp: writable by design.
                if (rw && type != "tmpfs" && !allowed.Contains(destination.TrimEnd('/')))
                    writable.Add($"{destination} ({type} {source})");
            }
        }

        if (writable.Count > 0)
        {
            detail = $"writable without the profile's readOnly: false: {string.Join(", ", writable)}. " +
                     "An image VOLUME makes an anonymous writable volume; mount it from the profile instead, or drop the VOLUME line";
            return CheckStatus.Fail;
        }

        detail = seen.Count == 0 ? "no mounts" : string.Join(", ", seen);
        return CheckStatus.Pass;
    }

    /// <summary>From inside: every process but init (and the probe) runs as a non-root uid with no effective capabilities.</summary>
    private static async Task<IReadOnlyList<ProcessStatus>?> AuditProcessesAsync(EngineCli cli, string container, JsonElement root, ProfileReport report, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var running = root.TryGetProperty("State", out var state) && Bool(state, "Running");
        if (!running)
        {
            const string why = "the container is not running (the server exited; see the checks above)";
            report.Add(Phase, "server processes not root", CheckStatus.Fail, null, why);
            report.Add(Phase, "server processes without capabilities", CheckStatus.Fail, null, why);
            return null;
        }

        var probe = await cli.RunAsync(["exec", container, "sh", "-c", ContainerProcesses.Probe], cancellationToken: cancellationToken);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!probe.Succeeded)
        {
            var why = $"cannot look inside: '{cli.Engine} exec {container} sh' failed ({probe.Stderr.Split('\n')[0].Trim()}); the image needs /bin/sh for this check";
            report.Add(Phase, "server processes not root", CheckStatus.Skip, ms, why);
            report.Add(Phase, "server processes without capabilities", CheckStatus.Skip, ms, why);
            return null;
        }

        var hasInit = root.TryGetProperty("HostConfig", out var host) && Bool(host, "Init");
        var processes = ContainerProcesses.Parse(probe.Stdout, hasInit);
        if (processes.Count == 0)
        {
            report.Add(Phase, "server processes not root", CheckStatus.Fail, ms, "no server process found in the container");
            report.Add(Phase, "server processes without capabilities", CheckStatus.Fail, ms, "no server process found in the container");
            return processes;
        }

        var names = string.Join(", ", processes.Select(p => p.Describe()));
        var root0 = processes.Where(p => p.IsRoot).ToList();
        report.Add(Phase, "server processes not root", root0.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, ms,
            root0.Count == 0
                ? $"{names}: uid {string.Join('/', processes[0].Uids)}"
                : $"{string.Join(", ", root0.Select(p => $"{p.Describe()} runs as uid {string.Join('/', p.Uids)}"))} (root inside the container)");

        var capable = processes.Where(p => p.HasCapabilities).ToList();
        report.Add(Phase, "server processes without capabilities", capable.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, null,
            capable.Count == 0
                ? "CapEff 0 for " + names
                : string.Join(", ", capable.Select(p => $"{p.Describe()} has CapEff {p.CapEff}")));
        return processes;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : 0;

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
