using System.Diagnostics;
using System.Globalization;
using McpShim.Benchmarks.Measurements;
using McpShim.Benchmarks.Processes;
using McpShim.Benchmarks.Reporting;

namespace McpShim.Benchmarks;

/// <summary>
/// B/S: what the host sandbox of mode local (issue 16) adds to a session's start. The same fake server through mcpshim
/// in local mode, without the sandbox (B, <c>"unsafe": ["unsandboxed"]</c>) and with it (S, through the native
/// <c>mcpshim-sandbox</c> beside mcpshim), cold-started in turns; added = the median of the per-round differences.
/// The same sandbox through mcpshim's own <c>__sandbox-exec</c> role (<c>MCPSHIM_SANDBOX_LAUNCHER=self</c>, the
/// fallback) runs in the same rounds, and each launcher's bare start (exiting at once) is shown beside them.
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
        var selfEnvironment = new Dictionary<string, string>(environment) { ["MCPSHIM_SANDBOX_LAUNCHER"] = "self" };
        var self = new SpawnToInitialize(new ServerCommand(mcpshim, ["--config", profiles, "sandboxed"], selfEnvironment), null);
        var native = Path.Combine(Path.GetDirectoryName(mcpshim)!, "mcpshim-sandbox");
        if (!File.Exists(native))
            table.Note($"{native} is missing, so S ran through mcpshim itself too: run ./build.sh publish");

        Console.Error.WriteLine("measuring spawn to initialize, unsandboxed vs sandboxed...");
        try
        {
            plain.Spawn(warmUp: true);
            sandboxed.Spawn(warmUp: true);
            self.Spawn(warmUp: true);
        }
        catch (BenchmarkFailure ex)
        {
            table.Note("not measured: " + ex.Message);
            return table;
        }

        var nativeStart = new List<double>();
        var selfStart = new List<double>();
        SpawnToInitialize[] contenders = [plain, sandboxed, self];
        for (var round = 0; round < options.Spawns; round++)
        {
            // Rotate who goes first: a just-woken core favours whoever comes later.
            for (var i = 0; i < contenders.Length; i++)
                contenders[(round + i) % contenders.Length].Spawn();
            if (File.Exists(native))
                nativeStart.Add(LauncherStart(native, "__sandbox-none"));
            selfStart.Add(LauncherStart(mcpshim, "__sandbox-none"));
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

        var selfAdded = Paired.Median(plain.InitializeTimes, self.InitializeTimes, (b, s) => s - b);
        table.Add("the same through mcpshim's own role (self), p50", "", Format.Millis(self.ToInitialize.P50), Format.SignedMillis(selfAdded));
        if (nativeStart.Count > 0)
            table.Add("the launcher alone: mcpshim-sandbox started and exiting at once, p50", "", Format.Millis(Samples.Of([.. nativeStart]).P50));
        table.Add("the launcher alone: mcpshim started and exiting at once, p50", "", Format.Millis(Samples.Of([.. selfStart]).P50));
        table.Note($"{options.Spawns} cold starts of each (+1 warm-up), in rotating turns; added = the median of the per-round differences, × the median ratio");
        table.Note("S = B + the launcher mcpshim-sandbox (a small C program) between fork and exec, which reads the compiled rules, applies rlimits, no_new_privs, Landlock and seccomp, then executes the server; plus planning and compiling the rules in the session (PATH lookup, the command's runtime, the scratch folder)");
        table.Note("self = S with mcpshim re-executing itself as the launcher (the fallback without mcpshim-sandbox): the .NET runtime's start-up is the difference");
        table.Note("CPU time (getrusage of the finished session: mcpshim, the launcher and the server) does not grow when other work crowds the machine, as wall time does; on a busy machine compare that row");
        return table;
    }

    /// <summary>Start to exit of a launcher asked for a role it does not have: it starts, refuses and exits 2.</summary>
    private static double LauncherStart(string launcher, string role)
    {
        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo(launcher, role) { RedirectStandardError = true, UseShellExecute = false })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return Clock.MicrosecondsSince(start);
    }
}
