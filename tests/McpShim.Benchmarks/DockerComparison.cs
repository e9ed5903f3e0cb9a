using System.Text.Json;
using McpShim.Benchmarks.Measurements;
using McpShim.Benchmarks.Processes;
using McpShim.Benchmarks.Reporting;

namespace McpShim.Benchmarks;

/// <summary>
/// Set-up C: a real containerised server (mcpshim/everything): raw `docker exec -i` vs mcpshim's exec mode, both into
/// the warm container mcpshim made for the profile, so they differ by the relay alone.
/// </summary>
internal sealed class DockerComparison(BenchmarkOptions options, string? mcpshim, string mcpshimMissing, string workDir)
{
    private const string Image = "mcpshim/everything:latest";
    private const string RawContainer = "mcpshim-bench-raw";
    private const string Profile = "bench-exec";
    private const int Rounds = 10;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public ResultTable Run()
    {
        var table = new ResultTable($"C: docker exec vs mcpshim exec mode ({Image}, ping and cold start only)", "docker exec -i (raw)", "mcpshim exec");
        if (SkipReason() is { } reason)
        {
            table.Note($"C skipped: {reason}");
            return table;
        }

        var command = ServerCommandOfImage(out var inspectError);
        if (command is null)
        {
            table.Note($"C skipped: {inspectError}");
            return table;
        }

        try
        {
            var steal = CpuSteal.Now();
            Measure(table, command);
            if (steal?.NoteSince() is { } stolen)
                table.Note(stolen);
        }
        finally
        {
            CommandLine.Run("docker", "rm", "-f", RawContainer);
            RemoveShimContainers();
        }

        return table;
    }

    private void Measure(ResultTable table, string[] command)
    {
        ServerCommand? shim = null;
        ServerCommand? shimViaCli = null;
        if (mcpshim is not null)
        {
            var profiles = Path.Combine(workDir, "profiles-exec.json");
            ProfilesFile.Write(profiles, new Dictionary<string, object> { [Profile] = ProfilesFile.Exec(Image, command) });
            var audit = Path.Combine(workDir, "audit-exec.jsonl");
            shim = new ServerCommand(mcpshim, ["--config", profiles, Profile], new Dictionary<string, string> { ["MCPSHIM_AUDIT_FILE"] = audit });
            // The fallback: mcpshim relaying through a `docker exec -i` child instead of the Engine API (issue 2).
            shimViaCli = new ServerCommand(mcpshim, ["--config", profiles, Profile],
                new Dictionary<string, string> { ["MCPSHIM_AUDIT_FILE"] = audit, ["MCPSHIM_EXEC_VIA"] = "cli" });
        }

        var b = new ShimTrial(mcpshim is null ? mcpshimMissing : null);
        var c = new ShimTrial(mcpshim is null ? mcpshimMissing : null);
        Console.Error.WriteLine("measuring docker exec ping latency...");
        Samples pingA, pingB = default, pingC = default;
        // The shim's first session also creates its warm container; that is not what is measured here.
        b.Try(() => ChildSession.StartInitialized(shim!), out var firstShimSession);
        var shimSession = firstShimSession;
        c.Try(() => ChildSession.StartInitialized(shimViaCli!), out var cliSession);
        // Raw `docker exec` goes into that same container, so the two differ by the relay alone, not by hardening.
        var container = WarmContainerOfProfile() ?? StartRawContainer(table);
        if (container is null)
        {
            shimSession?.Dispose();
            cliSession?.Dispose();
            return;
        }

        var raw = new ServerCommand("docker", ["exec", "-i", container, .. command]);
        using (var a = ChildSession.StartInitialized(raw))
        {
            using var watchdogA = a.Watchdog(Limit);
            using var watchdogB = shimSession?.Watchdog(Limit);
            using var watchdogC = cliSession?.Watchdog(Limit);
            try
            {
                var latencyA = new PingLatency(a);
                var latencyB = shimSession is null ? null : new PingLatency(shimSession);
                var latencyC = cliSession is null ? null : new PingLatency(cliSession);
                latencyA.WarmUp(options.DockerPings / 10);
                b.Try(() => latencyB!.WarmUp(options.DockerPings / 10));
                c.Try(() => latencyC!.WarmUp(options.DockerPings / 10));
                // In turns, the three of them, so each sees the same background noise.
                b.Alternate(Rounds, () => latencyA.Run(options.DockerPings / Rounds), () =>
                {
                    latencyB!.Run(options.DockerPings / Rounds);
                    c.Try(() => latencyC!.Run(options.DockerPings / Rounds));
                });
                pingA = latencyA.Samples;
                if (b.FailureReason is null)
                    pingB = latencyB!.Samples;
                if (c.FailureReason is null)
                    pingC = latencyC!.Samples;
            }
            finally
            {
                shimSession?.Dispose();
                cliSession?.Dispose();
            }
        }

        var ratio = (pingB.P50 - pingA.P50) / pingA.P50;
        table.Add("ping round trip p50", Format.Micros(pingA.P50), Shown(b, Format.Micros(pingB.P50)),
            Shown(b, $"{Format.SignedMicros(pingB.P50 - pingA.P50)} ({Format.SignedPercent(ratio)})"), "within 5%", Met(b, ratio <= 0.05));
        table.Add("ping round trip p99", Format.Micros(pingA.P99), Shown(b, Format.Micros(pingB.P99)),
            Shown(b, Format.SignedMicros(pingB.P99 - pingA.P99)));
        var ratioCli = (pingC.P50 - pingA.P50) / pingA.P50;
        table.Add("ping p50, mcpshim via CLI (MCPSHIM_EXEC_VIA=cli)", Format.Micros(pingA.P50), Shown(c, Format.Micros(pingC.P50)),
            Shown(c, $"{Format.SignedMicros(pingC.P50 - pingA.P50)} ({Format.SignedPercent(ratioCli)})"));
        if (c.FailureReason is not null && b.FailureReason is null)
            table.Note($"mcpshim exec via the CLI not (fully) measured: {c.FailureReason}");

        Console.Error.WriteLine("measuring docker exec spawn to initialize...");
        var spawnA = new SpawnToInitialize(raw, recordFile: null);
        var spawnB = shim is null ? null : new SpawnToInitialize(shim, recordFile: null);
        spawnA.Spawn(warmUp: true);
        b.Try(() => spawnB!.Spawn(warmUp: true));
        b.Alternate(options.DockerSpawns, () => spawnA.Spawn(), () => spawnB!.Spawn());

        var initA = spawnA.ToInitialize;
        var initB = b.FailureReason is null ? spawnB!.ToInitialize : default;
        table.Add("spawn → initialize answer p50", Format.Millis(initA.P50), Shown(b, Format.Millis(initB.P50)),
            Shown(b, Format.SignedMillis(initB.P50 - initA.P50)));
        table.Add("spawn → initialize answer p99", Format.Millis(initA.P99), Shown(b, Format.Millis(initB.P99)),
            Shown(b, Format.SignedMillis(initB.P99 - initA.P99)));
        table.Note($"server command (from the image's entrypoint + cmd): {string.Join(' ', command)}");
        if (b.FailureReason is not null)
            table.Note($"mcpshim exec not (fully) measured: {b.FailureReason}");
    }

    private string? SkipReason()
    {
        if (options.SkipDocker)
            return "--no-docker";
        var (engine, _, engineError) = CommandLine.Run("docker", "version", "--format", "{{.Server.Version}}");
        if (engine != 0)
            return $"docker is not reachable ({FirstLine(engineError)})";
        var (image, _, _) = CommandLine.Run("docker", "image", "inspect", Image);
        return image != 0 ? $"image {Image} is missing; build it with ./build.sh images" : null;
    }

    /// <summary>The image's own server command: entrypoint followed by cmd, as `docker run` would start it.</summary>
    private static string[]? ServerCommandOfImage(out string error)
    {
        var (exitCode, stdout, stderr) = CommandLine.Run(
            "docker", "image", "inspect", "--format", "{{json .Config.Entrypoint}}\n{{json .Config.Cmd}}", Image);
        error = $"cannot read the server command of {Image}: {FirstLine(stderr)}";
        if (exitCode != 0)
            return null;

        var lines = stdout.Split('\n');
        var command = lines.SelectMany(line => JsonSerializer.Deserialize<string[]?>(line) ?? []).ToArray();
        if (command.Length == 0)
        {
            error = $"{Image} has neither an entrypoint nor a cmd";
            return null;
        }

        return command;
    }

    private static string? WarmContainerOfProfile()
    {
        var (exitCode, names, _) = CommandLine.Run("docker", "ps", "--filter", $"label=io.mcpshim.profile={Profile}", "--format", "{{.Names}}");
        return exitCode == 0 ? names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() : null;
    }

    /// <summary>Without mcpshim's warm container (mcpshim missing or failing), raw docker exec still gets one of its own.</summary>
    private static string? StartRawContainer(ResultTable table)
    {
        CommandLine.Run("docker", "rm", "-f", RawContainer);
        var (started, _, startError) = CommandLine.Run(
            "docker", "run", "-d", "--name", RawContainer, "--label", "io.mcpshim.bench=true", "--entrypoint", "sleep", Image, "infinity");
        if (started == 0)
            return RawContainer;
        table.Note($"C skipped: could not start the raw container: {startError}");
        return null;
    }

    /// <summary>The shim's warm container for the benchmark's own profile; no other profile's container is touched.</summary>
    private static void RemoveShimContainers()
    {
        var (_, ids, _) = CommandLine.Run("docker", "ps", "-aq", "--filter", $"label=io.mcpshim.profile={Profile}");
        foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            CommandLine.Run("docker", "rm", "-f", id);
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static string Shown(ShimTrial b, string value) => b.FailureReason is null ? value : "-";

    private static bool? Met(ShimTrial b, bool met) => b.FailureReason is null ? met : null;
}
