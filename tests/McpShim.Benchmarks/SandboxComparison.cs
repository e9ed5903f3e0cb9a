using System.Diagnostics;
using System.Globalization;
using McpShim.Benchmarks.Measurements;
using McpShim.Benchmarks.Processes;
using McpShim.Benchmarks.Reporting;

namespace McpShim.Benchmarks;

/// <summary>
/// B/S: what the host sandbox of mode local (issue 16) adds to a session's start. The same fake server through mcpshim
/// in local mode, without the sandbox (B, <c>"unsafe": ["unsandboxed"]</c>) and with it (S), cold-started in turns;
/// added = the median of the per-round differences. The launcher's own start-up (mcpshim re-executed, exiting at
/// once) is shown beside it: it is most of what the sandbox costs.
/// </summary>
internal sealed class SandboxComparison(BenchmarkOptions options, string? mcpshim, string mcpshimMissing, string fakeServer, string workDir)
{
    private const double TargetMicros = 5_000;

    public ResultTable Run()
    {
        var table = new ResultTable("B/S: mcpshim local mode without and with the host sandbox (cold start)", "unsandboxed (B)", "sandboxed (S)");
        if (mcpshim is null)
        {
            table.Note("not measured: " + mcpshimMissing);
            return table;
        }

        var profiles = Path.Combine(workDir, "sandbox-profiles.json");
        ProfilesFile.Write(profiles, new Dictionary<string, object>
        {
            ["plain"] = ProfilesFile.Local([fakeServer], sandboxed: false),
            ["sandboxed"] = ProfilesFile.Local([fakeServer], sandboxed: true),
        });
        var environment = new Dictionary<string, string> { ["MCPSHIM_AUDIT_FILE"] = Path.Combine(workDir, "sandbox-audit.jsonl") };
        var plain = new SpawnToInitialize(new ServerCommand(mcpshim, ["--config", profiles, "plain"], environment), null);
        var sandboxed = new SpawnToInitialize(new ServerCommand(mcpshim, ["--config", profiles, "sandboxed"], environment), null);

        Console.Error.WriteLine("measuring spawn to initialize, unsandboxed vs sandboxed...");
        try
        {
            plain.Spawn(warmUp: true);
            sandboxed.Spawn(warmUp: true);
        }
        catch (BenchmarkFailure ex)
        {
            table.Note("not measured: " + ex.Message);
            return table;
        }

        var launcher = new List<double>();
        for (var round = 0; round < options.Spawns; round++)
        {
            // Alternate who goes first: a just-woken core favours whoever comes second.
            if (round % 2 == 0)
            {
                plain.Spawn();
                sandboxed.Spawn();
            }
            else
            {
                sandboxed.Spawn();
                plain.Spawn();
            }

            launcher.Add(LauncherStart(mcpshim));
        }

        var added = Paired.Median(plain.InitializeTimes, sandboxed.InitializeTimes, (b, s) => s - b);
        var ratio = Paired.Median(plain.InitializeTimes, sandboxed.InitializeTimes, (b, s) => s / b);
        table.Add("spawn → initialize answer p50", Format.Millis(plain.ToInitialize.P50), Format.Millis(sandboxed.ToInitialize.P50),
            $"{Format.SignedMillis(added)} (×{ratio.ToString("0.00", CultureInfo.InvariantCulture)})", "added < 5 ms", added < TargetMicros);
        table.Add("spawn → initialize answer p99", Format.Millis(plain.ToInitialize.P99), Format.Millis(sandboxed.ToInitialize.P99),
            Format.SignedMillis(sandboxed.ToInitialize.P99 - plain.ToInitialize.P99));
        if (plain.CpuTimes.Count == plain.InitializeTimes.Count && sandboxed.CpuTimes.Count == sandboxed.InitializeTimes.Count)
        {
            var addedCpu = Paired.Median(plain.CpuTimes, sandboxed.CpuTimes, (b, s) => s - b);
            table.Add("CPU time per session, all its processes, p50", Format.Millis(Samples.Of([.. plain.CpuTimes]).P50),
                Format.Millis(Samples.Of([.. sandboxed.CpuTimes]).P50), Format.SignedMillis(addedCpu));
        }

        table.Add("the launcher alone: mcpshim started and exiting at once, p50", "", Format.Millis(Samples.Of([.. launcher]).P50));
        table.Note($"{options.Spawns} cold starts of each (+1 warm-up), in turns; added = the median of the per-round differences, × the median ratio");
        table.Note("S = B + mcpshim re-executing itself as the launcher (__sandbox-exec), which reads the rules, applies rlimits, no_new_privs, Landlock and seccomp, then executes the server; plus planning the rules in the session (PATH lookup, the command's runtime, the scratch folder)");
        table.Note("the launcher row is a bare start of the same native binary: its runtime start-up sets the floor of what a re-executing launcher can cost on this machine");
        table.Note("CPU time (getrusage of the finished session: mcpshim, the launcher and the server) does not grow when other work crowds the machine, as wall time does; on a busy machine compare that row");
        return table;
    }

    /// <summary>Start to exit of <c>mcpshim __sandbox-none</c>: the runtime starts, finds no such role and exits 2.</summary>
    private static double LauncherStart(string mcpshim)
    {
        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo(mcpshim, "__sandbox-none") { RedirectStandardError = true, UseShellExecute = false })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return Clock.MicrosecondsSince(start);
    }
}
