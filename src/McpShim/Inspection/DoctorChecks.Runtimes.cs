using System.Diagnostics;
using System.Globalization;
using McpShim.Containers;
using McpShim.Containers.EngineApi;
using McpShim.Profiles;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpShim.Inspection;

/// <summary>
/// The engine's container runtimes (issue 19): which it has, whether each profile's runtime is one of them, and whether
/// gVisor's <c>runsc</c> really runs a container here (a registered runtime can still fail at start: the platform, the
/// network setup).
/// </summary>
internal static partial class DoctorChecks
{
    private static readonly TimeSpan RuntimeTrialTimeout = TimeSpan.FromSeconds(60);

    private static async Task<IEnumerable<DoctorCheck>> CheckRuntimesAsync(EngineCli cli, IReadOnlyList<ResolvedProfile> profiles, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        EngineInfo? info;
        try
        {
            info = await EngineRuntimes.ListAsync(cli, NullLogger.Instance, cancellationToken);
        }
        catch (StartupException ex)
        {
            return [new("runtimes", CheckOutcome.Warn, $"could not ask {cli.Engine} for its runtimes: {ex.Message}")];
        }

        // Profiles on this engine only: a remote engine's runtimes are checked when its sessions start.
        var here = profiles.Where(p => p.Mode != ProfileMode.Local && p.EngineEndpoint is null && p.Engine == cli.Engine).ToList();
        if (info?.Runtimes is null)
        {
            var named = here.Where(p => p.Runtime is not null).Select(p => p.Name).ToList();
            checks.Add(new("runtimes", named.Count > 0 ? CheckOutcome.Warn : CheckOutcome.Ok,
                $"{cli.Engine} does not list its runtimes; a profile's \"runtime\" is left to it" + (named.Count > 0 ? $" ({string.Join(", ", named)})" : string.Empty)));
            return checks;
        }

        checks.Add(new("runtimes", CheckOutcome.Ok, EngineRuntimes.Describe(info)));
        foreach (var profile in here)
        {
            if (EngineRuntimes.Problem(profile, info) is { } problem)
                checks.Add(new("runtime", CheckOutcome.Fail, problem));
        }

        var gvisorUsers = here.Where(p => p.Runtime == ContainerRuntimes.Gvisor).Select(p => p.Name).ToList();
        var uses = gvisorUsers.Count == 0 ? "no profile uses it now" : "used by " + string.Join(", ", gvisorUsers);
        if (!info.Runtimes.ContainsKey(ContainerRuntimes.Gvisor))
        {
            // Not needed unless a profile names it, and then that profile's check above already failed.
            checks.Add(new("runsc", CheckOutcome.Ok,
                $"gVisor is not registered with {cli.Engine} ({uses}): profiles cannot use \"runtime\": \"{ContainerRuntimes.Gvisor}\" here (README \"Container runtime\")."));
            return checks;
        }

        checks.Add(await TryGvisorAsync(cli, here, uses, cancellationToken));
        return checks;
    }

    /// <summary>Starts a tiny container under runsc, hardened like a session's, from an image a profile uses that is present.</summary>
    private static async Task<DoctorCheck> TryGvisorAsync(EngineCli cli, IReadOnlyList<ResolvedProfile> profiles, string uses, CancellationToken cancellationToken)
    {
        var fix = "see the engine's log; README \"Container runtime\" shows how to register Debian's runsc (with --platform=ptrace and --network=none).";
        string? image = null;
        foreach (var candidate in profiles.OrderBy(p => p.Runtime == ContainerRuntimes.Gvisor ? 0 : 1).Select(p => p.Image!).Distinct(StringComparer.Ordinal))
        {
            var present = await cli.RunAsync(["image", "inspect", "--format", "{{.Id}}", candidate], EngineTimeout, cancellationToken);
            if (present.Succeeded)
            {
                image = candidate;
                break;
            }
        }

        if (image is null)
            return new("runsc", CheckOutcome.Warn, $"registered, but not tried: no profile's image is present to start ({uses})", "build or pull a profile's image, then run 'mcpshim doctor' again.");

        var watch = Stopwatch.StartNew();
        EngineResult result;
        try
        {
            result = await cli.RunAsync(
            [
                "run", "--rm", "--runtime", ContainerRuntimes.Gvisor, "--pull", "never", "--network", "none", "--read-only",
                "--cap-drop", "ALL", "--security-opt", HardeningFlags.NoNewPrivileges, "--user", HardeningFlags.FallbackUser,
                "--entrypoint", "sh", image, "-c", "dmesg 2>/dev/null | head -n 1; cat /proc/version",
            ], RuntimeTrialTimeout, cancellationToken);
        }
        catch (StartupException ex)
        {
            return new("runsc", CheckOutcome.Fail, $"a container under runsc did not finish: {ex.Message} ({uses})", fix);
        }

        var seconds = watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (!result.Succeeded)
        {
            return new("runsc", CheckOutcome.Fail,
                $"registered, but a container of {image} under it failed: {EngineProblems.Explain(cli.Engine, "run --runtime runsc", result, image)} ({uses})", fix);
        }

        var kernel = result.Stdout.Split('\n', 2)[0].Trim();
        return new("runsc", CheckOutcome.Ok, $"works: a container of {image} ran under gVisor in {seconds} s (its kernel: '{kernel}'; {uses})");
    }
}
