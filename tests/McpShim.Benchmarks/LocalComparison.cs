using McpShim.Benchmarks.Measurements;
using McpShim.Benchmarks.Processes;
using McpShim.Benchmarks.Reporting;

namespace McpShim.Benchmarks;

/// <summary>Set-ups A (fake-mcp-server directly) and B (mcpshim local mode, or the floor relay, in front of it), measured in turns.</summary>
internal sealed class LocalComparison(BenchmarkOptions options, string fakeServer, Func<string, MiddleMan> middleMan, string workDir, string suffix)
{
    private const int OneMiB = 1024 * 1024;
    private const int Rounds = 10;
    private string _middleName = "mcpshim";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public ResultTable Run()
    {
        var recordA = Path.Combine(workDir, $"first-frame-a{suffix}.txt");
        var recordB = Path.Combine(workDir, $"first-frame-b{suffix}.txt");
        var middle = middleMan(recordB);
        var table = new ResultTable(middle.Title, "direct (A)", middle.Column);
        var direct = new ServerCommand(fakeServer, []);
        var directRecorded = new ServerCommand(fakeServer, ["--record", recordA]);
        var (shim, shimRecorded, auditFile) = (middle.Plain, middle.Recorded, middle.AuditFile);
        _middleName = middle.Name;

        var b = new ShimTrial(middle.MissingReason);
        MeasureSessions(table, direct, shim, b);
        MeasureSpawns(table, directRecorded, recordA, shimRecorded, recordB, b);

        if (b.FailureReason is not null)
            table.Note($"B not (fully) measured: {b.FailureReason}");
        else if (auditFile is not null && File.Exists(auditFile))
            table.Note($"mcpshim wrote {File.ReadLines(auditFile).Count()} audit lines to {auditFile} during the run");
        table.Note($"A and B take turns ({Rounds} rounds for pings, one echo each in turn, spawns interleaved) to share the machine's noise");
        table.Note("echo: tools/call 'echo' of N bytes answered with the same N bytes. Round trip: one call at a time, MiB/s = N / p50, ratio = A p50 / B p50 (added latency).");
        table.Note("echo throughput: calls written back to back while the answers are read (as for pipelined pings); MiB/s of payload echoed, ratio = B / A.");
        return table;
    }

    private void MeasureSessions(ResultTable table, ServerCommand direct, ServerCommand? shim, ShimTrial b)
    {
        using var a = ChildSession.StartInitialized(direct);
        b.Try(() => ChildSession.StartInitialized(shim!), out var shimSession);
        using var watchdogA = a.Watchdog(Limit);
        using var watchdogB = shimSession?.Watchdog(Limit);
        try
        {
            Progress("ping latency");
            var pingA = new PingLatency(a);
            var pingB = shimSession is null ? null : new PingLatency(shimSession);
            pingA.WarmUp(options.PingWarmUp);
            b.Try(() => pingB!.WarmUp(options.PingWarmUp));
            b.Alternate(Rounds, () => pingA.Run(options.Pings / Rounds), () => pingB!.Run(options.Pings / Rounds));
            var (latencyA, latencyB) = (pingA.Samples, b.FailureReason is null ? pingB!.Samples : default);
            var added = latencyB.P50 - latencyA.P50;
            table.Add("ping round trip p50", Format.Micros(latencyA.P50), Shown(b, Format.Micros(latencyB.P50)),
                Shown(b, Format.SignedMicros(added)), "added ≤ 30 µs", Met(b, added <= 30));
            table.Add("ping round trip p99", Format.Micros(latencyA.P99), Shown(b, Format.Micros(latencyB.P99)),
                Shown(b, Format.SignedMicros(latencyB.P99 - latencyA.P99)));

            Progress("pipelined pings");
            var burstA = new PipelinedPings(a);
            var burstB = shimSession is null ? null : new PipelinedPings(shimSession);
            burstA.WarmUp(options.PipelinedPings / 10);
            b.Try(() => burstB!.WarmUp(options.PipelinedPings / 10));
            b.Alternate(options.PipelinedRounds, () => burstA.Run(options.PipelinedPings), () => burstB!.Run(options.PipelinedPings));
            var (rateA, rateB) = (burstA.MedianRate, b.FailureReason is null ? burstB!.MedianRate : 0);
            table.Add($"pipelined pings ({options.PipelinedPings:#,0} × {options.PipelinedRounds}, median)", Format.Rate(rateA),
                Shown(b, Format.Rate(rateB)), Shown(b, Format.Percent(rateB / rateA)), "≥ 70%", Met(b, rateB / rateA >= 0.70));

            foreach (var (mib, count) in new[] { (1, options.OneMiBEchoes), (16, options.SixteenMiBEchoes) })
            {
                Progress($"echo {mib} MiB");
                var request = new EchoRequest(mib * OneMiB);
                var echoA = new EchoRoundTrip(a, request);
                var echoB = shimSession is null ? null : new EchoRoundTrip(shimSession, request);
                echoA.WarmUp(options.EchoWarmUp);
                b.Try(() => echoB!.WarmUp(options.EchoWarmUp));
                b.Alternate(count, () => echoA.Run(1), () => echoB!.Run(1));
                var (timeA, timeB) = (echoA.Samples, b.FailureReason is null ? echoB!.Samples : default);
                double Throughput(double us) => mib / (us / 1_000_000);
                table.Add($"echo {mib} MiB round trip p50 (one at a time)", Echo(timeA.P50, Throughput(timeA.P50)), Shown(b, Echo(timeB.P50, Throughput(timeB.P50))),
                    Shown(b, Format.Percent(timeA.P50 / timeB.P50)));
                table.Add($"echo {mib} MiB round trip p99", Format.Millis(timeA.P99), Shown(b, Format.Millis(timeB.P99)),
                    Shown(b, Format.Percent(timeA.P99 / timeB.P99)));

                Progress($"echo {mib} MiB throughput");
                var (echoes, rounds) = (options.PipelinedEchoes(mib), options.PipelinedEchoRounds);
                var streamA = new PipelinedEchoes(a, request);
                var streamB = shimSession is null ? null : new PipelinedEchoes(shimSession, request);
                streamA.WarmUp(2);
                b.Try(() => streamB!.WarmUp(2));
                b.Alternate(rounds, () => streamA.Run(echoes), () => streamB!.Run(echoes));
                var (bytesA, bytesB) = (streamA.MedianBytesPerSecond, b.FailureReason is null ? streamB!.MedianBytesPerSecond : 0);
                table.Add($"echo {mib} MiB throughput ({echoes} back to back × {rounds}, median)", Format.MiBPerSecond(bytesA / OneMiB),
                    Shown(b, Format.MiBPerSecond(bytesB / OneMiB)), Shown(b, Format.Percent(bytesB / bytesA)), "≥ 60%", Met(b, bytesB / bytesA >= 0.60));
            }

            // Read right before closing stdin: the high-water mark after the 16 MiB frames.
            var rssA = a.PeakRssKiB();
            b.Try(() => shimSession!.PeakRssKiB() ?? throw new BenchmarkFailure($"{_middleName} exited before its RSS could be read"), out var rssB);
            const double rssTarget = (3 * 16) + 40;
            table.Add("peak RSS (VmHWM)", rssA is { } kib ? Format.MiB(kib / 1024.0) + " (server)" : "n/a",
                Shown(b, Format.MiB(rssB / 1024.0) + $" ({_middleName})"), "", $"≤ {rssTarget:0} MiB", Met(b, rssB / 1024.0 <= rssTarget));
        }
        finally
        {
            shimSession?.Dispose();
        }
    }

    private void MeasureSpawns(ResultTable table, ServerCommand direct, string recordA, ServerCommand? shim, string recordB, ShimTrial b)
    {
        Progress("spawn to initialize");
        var spawnA = new SpawnToInitialize(direct, recordA);
        var spawnB = shim is null ? null : new SpawnToInitialize(shim, recordB);
        spawnA.Spawn(warmUp: true);
        b.Try(() => spawnB!.Spawn(warmUp: true));
        b.Alternate(options.Spawns, () => spawnA.Spawn(), () => spawnB!.Spawn());

        var initA = spawnA.ToInitialize;
        var initB = b.FailureReason is null ? spawnB!.ToInitialize : default;
        var overhead = initB.P50 - initA.P50;
        table.Add("spawn → initialize answer p50", Format.Millis(initA.P50), Shown(b, Format.Millis(initB.P50)),
            Shown(b, Format.SignedMillis(overhead)), "added < 15 ms", Met(b, overhead < 15_000));
        table.Add("spawn → initialize answer p99", Format.Millis(initA.P99), Shown(b, Format.Millis(initB.P99)),
            Shown(b, Format.SignedMillis(initB.P99 - initA.P99)));
        if (spawnA.ToFirstFrame is { } firstA)
        {
            var firstB = b.FailureReason is null ? spawnB!.ToFirstFrame : null;
            table.Add("spawn → server reads 1st frame p50", Format.Millis(firstA.P50),
                firstB is { } f ? Format.Millis(f.P50) : "-", firstB is { } g ? Format.SignedMillis(g.P50 - firstA.P50) : "");
        }
    }

    private static string Echo(double us, double mibPerSecond) => $"{Format.Millis(us)} ({Format.MiBPerSecond(mibPerSecond)})";

    private static string Shown(ShimTrial b, string value) => b.FailureReason is null ? value : "-";

    private static bool? Met(ShimTrial b, bool met) => b.FailureReason is null ? met : null;

    private static void Progress(string what) => Console.Error.WriteLine($"measuring {what}...");
}
