using System.Globalization;
using McpShim.Benchmarks.Measurements;
using McpShim.Benchmarks.Processes;
using McpShim.Benchmarks.Reporting;

namespace McpShim.Benchmarks;

/// <summary>
/// G (issue 19): the same run-mode profile of mcpshim/everything under runc and under gVisor's runsc, in one run and in
/// turns: a session's cold start (a fresh container each) and the ping round trip in a running session. Both go through
/// mcpshim with the same hardening, so they differ by the runtime alone.
/// </summary>
internal sealed class RuntimeComparison(BenchmarkOptions options, string? mcpshim, string mcpshimMissing, string workDir)
{
    private const string Image = "mcpshim/everything:latest";
    private const string Runc = "bench-runc";
    private const string Runsc = "bench-runsc";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public ResultTable Run()
    {
        var table = new ResultTable($"G: mcpshim run mode under runc vs gVisor's runsc ({Image})", "runc", "runsc");
        if ((mcpshim is null ? mcpshimMissing : SkipReason()) is { } reason)
        {
            table.Note($"G skipped: {reason}");
            return table;
        }

        var profiles = Path.Combine(workDir, "runtime-profiles.json");
        ProfilesFile.Write(profiles, new Dictionary<string, object>
        {
            [Runc] = ProfilesFile.Run(Image, runtime: "runc"),
            [Runsc] = ProfilesFile.Run(Image, runtime: "runsc"),
        });
        var environment = new Dictionary<string, string> { ["MCPSHIM_AUDIT_FILE"] = Path.Combine(workDir, "runtime-audit.jsonl") };
        var runc = new ServerCommand(mcpshim!, ["--config", profiles, Runc], environment);
        var runsc = new ServerCommand(mcpshim!, ["--config", profiles, Runsc], environment);
        var trial = new ShimTrial(null, "mcpshim under runsc");
        try
        {
            var steal = CpuSteal.Now();
            Measure(table, runc, runsc, trial);
            if (steal?.NoteSince() is { } stolen)
                table.Note(stolen);
        }
        catch (BenchmarkFailure ex)
        {
            table.Note("runc not (fully) measured: " + ex.Message);
        }
        finally
        {
            RemoveContainers();
        }

        if (trial.FailureReason is not null)
            table.Note("runsc not (fully) measured: " + trial.FailureReason);
        return table;
    }

    private void Measure(ResultTable table, ServerCommand runc, ServerCommand runsc, ShimTrial trial)
    {
        Console.Error.WriteLine("measuring run mode spawn to initialize, runc vs runsc...");
        var startRunc = new SpawnToInitialize(runc, recordFile: null);
        var startRunsc = new SpawnToInitialize(runsc, recordFile: null);
        startRunc.Spawn(warmUp: true);
        trial.Try(() => startRunsc.Spawn(warmUp: true));
        for (var round = 0; round < options.DockerSpawns; round++)
        {
            // Alternate who goes first: a just-woken core favours whoever comes second.
            if (round % 2 == 0)
            {
                startRunc.Spawn();
                trial.Try(() => startRunsc.Spawn());
            }
            else
            {
                trial.Try(() => startRunsc.Spawn());
                startRunc.Spawn();
            }
        }

        var measured = trial.FailureReason is null;
        var added = measured ? Paired.Median(startRunc.InitializeTimes, startRunsc.InitializeTimes, (c, g) => g - c) : 0;
        var ratio = measured ? Paired.Median(startRunc.InitializeTimes, startRunsc.InitializeTimes, (c, g) => g / c) : 0;
        table.Add("spawn → initialize answer p50 (fresh container)", Format.Millis(startRunc.ToInitialize.P50), Shown(trial, Format.Millis(startRunsc.ToInitialize.P50)),
            Shown(trial, $"{Format.SignedMillis(added)} (×{ratio.ToString("0.00", CultureInfo.InvariantCulture)})"), "info");
        table.Add("spawn → initialize answer p99", Format.Millis(startRunc.ToInitialize.P99), Shown(trial, Format.Millis(startRunsc.ToInitialize.P99)),
            Shown(trial, Format.SignedMillis(startRunsc.ToInitialize.P99 - startRunc.ToInitialize.P99)));

        Console.Error.WriteLine("measuring ping latency in a running session, runc vs runsc...");
        using var a = ChildSession.StartInitialized(runc);
        trial.Try(() => ChildSession.StartInitialized(runsc), out var g);
        using var watchdogA = a.Watchdog(Limit);
        using var watchdogG = g?.Watchdog(Limit);
        try
        {
            const int Rounds = 10;
            var latencyA = new PingLatency(a);
            var latencyG = g is null ? null : new PingLatency(g);
            latencyA.WarmUp(options.DockerPings / 10);
            trial.Try(() => latencyG!.WarmUp(options.DockerPings / 10));
            trial.Alternate(Rounds, () => latencyA.Run(options.DockerPings / Rounds), () => latencyG!.Run(options.DockerPings / Rounds));
            var pingA = latencyA.Samples;
            var pingG = trial.FailureReason is null ? latencyG!.Samples : default;
            var pingAdded = trial.FailureReason is null ? Paired.Median(latencyA.RoundMedians, latencyG!.RoundMedians, (c, v) => v - c) : 0;
            table.Add("ping round trip p50", Format.Micros(pingA.P50), Shown(trial, Format.Micros(pingG.P50)), Shown(trial, Format.SignedMicros(pingAdded)), "info");
            table.Add("ping round trip p99", Format.Micros(pingA.P99), Shown(trial, Format.Micros(pingG.P99)), Shown(trial, Format.SignedMicros(pingG.P99 - pingA.P99)));
        }
        finally
        {
            g?.Dispose();
        }

        table.Note($"{options.DockerSpawns} cold starts of each (+1 warm-up), in turns, each a fresh hardened container (mode run, network none); added = the median of the per-round differences, × the median ratio");
        table.Note($"{options.DockerPings} pings in one session of each, in 10 rounds taking turns; added = the median of the rounds' p50 differences");
        table.Note("runsc as CI registers it: Debian's build with --platform=ptrace (every system call of the server is trapped by ptrace) and --network=none");
    }

    private static string? SkipReason()
    {
        var (engine, runtimes, engineError) = CommandLine.Run("docker", "info", "--format", "{{json .Runtimes}}");
        if (engine != 0)
            return $"docker is not reachable ({engineError.Split('\n')[0]})";
        if (!runtimes.Contains("\"runsc\"", StringComparison.Ordinal))
            return "the engine has no runsc runtime (apt-get install runsc, then .ci/register-runsc)";
        var (image, _, _) = CommandLine.Run("docker", "image", "inspect", Image);
        return image != 0 ? $"image {Image} is missing; build it with ./build.sh images" : null;
    }

    /// <summary>Run-mode containers go with their sessions; anything a crashed round left of these two profiles goes here.</summary>
    private static void RemoveContainers()
    {
        foreach (var profile in new[] { Runc, Runsc })
        {
            var (_, ids, _) = CommandLine.Run("docker", "ps", "-aq", "--filter", $"label=io.mcpshim.profile={profile}");
            foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                CommandLine.Run("docker", "rm", "-f", id);
        }
    }

    private static string Shown(ShimTrial trial, string value) => trial.FailureReason is null ? value : "-";
}
