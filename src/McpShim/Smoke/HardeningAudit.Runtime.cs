using System.Diagnostics;
using System.Text.Json;
using McpShim.Containers;
using McpShim.Profiles;

namespace McpShim.Smoke;

/// <summary>
/// Issue 19: the runtime the container really got, as <c>inspect</c> reports it (<c>HostConfig.Runtime</c>) and as the
/// server sees it from inside: gVisor's own kernel says so in <c>dmesg</c> ("Starting gVisor..."), which the host's
/// kernel does not let a non-root user read; <c>/proc/version</c> is shown beside it and compared with the host's.
/// </summary>
internal static partial class HardeningAudit
{
    /// <summary>The kernel's first words, then its version line.</summary>
    private const string KernelProbe = "dmesg 2>/dev/null | head -n 3; echo @@version; cat /proc/version";

    private const string GvisorMark = "gVisor";

    private static void CheckRuntime(JsonElement host, ResolvedProfile profile, ProfileReport report)
    {
        var runtime = String(host, "Runtime") ?? string.Empty;
        var asked = profile.Runtime;
        var matches = asked is null || runtime == asked;
        report.Add(Phase, "runtime as the profile says", matches ? CheckStatus.Pass : CheckStatus.Fail, null,
            !matches ? $"inspect says the container runs under '{runtime}', the profile says '{asked}'"
            : asked is null ? $"{runtime} (the engine's default; the profile names none)"
            : runtime);
    }

    /// <summary>From inside: gVisor's kernel or the host's, and whether that is what the runtime promises.</summary>
    private static async Task AuditInsideKernelAsync(EngineCli cli, string container, JsonElement root, ResolvedProfile profile, ProfileReport report, CancellationToken cancellationToken)
    {
        const string Check = "kernel seen inside";
        if (!(root.TryGetProperty("State", out var state) && Bool(state, "Running")))
            return; // said once already, by the process checks
        var runtime = root.TryGetProperty("HostConfig", out var host) ? String(host, "Runtime") ?? string.Empty : string.Empty;
        var started = Stopwatch.GetTimestamp();
        var probe = await cli.RunAsync(["exec", container, "sh", "-c", KernelProbe], cancellationToken: cancellationToken);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var parts = probe.Stdout.Split("@@version", 2);
        if (!probe.Succeeded || parts.Length != 2)
        {
            report.Add(Phase, Check, CheckStatus.Skip, ms,
                $"cannot look inside: '{cli.Engine} exec {container} sh' failed ({probe.Stderr.Split('\n')[0].Trim()}); the image needs /bin/sh and cat for this check");
            return;
        }

        var version = parts[1].Trim();
        var gvisor = parts[0].Contains(GvisorMark, StringComparison.Ordinal);
        var hostKernel = profile.EngineEndpoint is null && File.Exists("/proc/version") && File.ReadAllText("/proc/version").Trim() == version;
        var seen = gvisor
            ? $"gVisor (dmesg: '{parts[0].Split('\n', 2)[0].Trim()}'; /proc/version: '{version}')"
            : $"{(hostKernel ? "the host's kernel" : "not gVisor")} (/proc/version: '{version}')";
        // runsc must show gVisor, runc must not; another runtime (kata, a runsc under another name) is reported as seen.
        var promised = runtime == ContainerRuntimes.Gvisor;
        var fails = promised ? !gvisor : runtime == ContainerRuntimes.Default && gvisor;
        report.Add(Phase, Check, fails ? CheckStatus.Fail : CheckStatus.Pass, ms,
            !fails ? seen
            : promised ? $"the runtime is '{runtime}', but the server runs on {seen}: the engine's '{runtime}' is not gVisor"
            : $"the runtime is '{runtime}', but the server runs on {seen}");
    }
}
