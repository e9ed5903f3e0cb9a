using McpShim.Benchmarks.Measurements;
using McpShim.Benchmarks.Processes;
using McpShim.Benchmarks.Reporting;

namespace McpShim.Benchmarks;

/// <summary>
/// Set-up A (fake-mcp-server directly) against each middle man in front of it (B: mcpshim in local mode; R: the floor
/// relay), all in one table. Every measurement runs in rounds in which each set-up takes a turn, and each comparison is
/// the median of the per-round comparisons, so set-ups measured minutes apart never decide a result.
/// </summary>
internal sealed class LocalComparison(BenchmarkOptions options, string fakeServer, IReadOnlyList<MiddleMan> middles, string workDir)
{
    private const int OneMiB = 1024 * 1024;
    private const int Rounds = 10;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly List<Contender> _contenders = middles.Select(m => new Contender(m)).ToList();
    private ResultTable _table = null!;

    public ResultTable Run()
    {
        var title = "A/" + string.Join("/", middles.Select(m => m.Letter)) + ": fake-mcp-server directly vs through " +
            string.Join(" and ", middles.Select(m => m.Column));
        string[] header = ["metric", "direct (A)"];
        foreach (var (contender, i) in _contenders.Select((c, i) => (c, i)))
        {
            var letter = contender.Middle.Letter;
            header = i == 0
                ? [.. header, contender.Middle.Column, $"{letter} vs A", "target", "met"]
                : [.. header, contender.Middle.Column, $"{letter} vs A"];
        }

        _table = new ResultTable(title, header);
        var steal = CpuSteal.Now();
        MeasureSessions();
        MeasureSpawns();

        foreach (var contender in _contenders)
        {
            if (contender.Trial.FailureReason is { } reason)
                _table.Note($"{contender.Middle.Letter} not (fully) measured: {reason}");
            else if (contender.Middle.AuditFile is { } auditFile && File.Exists(auditFile))
                _table.Note($"mcpshim wrote {File.ReadLines(auditFile).Count()} audit lines to {auditFile} during the run");
        }

        _table.Note($"the set-ups take turns ({Rounds} rounds for pings, one echo each in turn, spawns interleaved), in an order that rotates every round");
        _table.Note("vs A: the median of the per-round comparisons (each set-up against A in the same round), so a change in the machine's state mid-run compares like with like; the value columns are medians or percentiles over all rounds");
        _table.Note("echo: tools/call 'echo' of N bytes answered with the same N bytes. Round trip: one call at a time, MiB/s = N / p50, ratio = A's time / the set-up's time (added latency).");
        _table.Note("echo throughput: calls written back to back while the answers are read (as for pipelined pings); MiB/s of payload echoed, ratio = the set-up's rate / A's.");
        if (steal?.NoteSince() is { } stolen)
            _table.Note(stolen);
        if (_contenders.Any(c => c.Middle.Letter == "R"))
            _table.Note("R is a bare C copy loop, shown for scale: what any relay costs on this machine at the same moment. The targets are mcpshim's.");
        return _table;
    }

    private void MeasureSessions()
    {
        using var a = ChildSession.StartInitialized(new ServerCommand(fakeServer, []));
        foreach (var contender in _contenders)
        {
            contender.Trial.Try(() => ChildSession.StartInitialized(contender.Middle.Plain!), out var session);
            contender.Session = session;
        }

        using var watchdogA = a.Watchdog(Limit);
        var watchdogs = _contenders.Select(c => c.Session?.Watchdog(Limit)).ToList();
        try
        {
            MeasurePings(a);
            MeasureEchoes(a);

            // Read right before closing stdin: the high-water mark after the 16 MiB frames.
            var rssA = a.PeakRssKiB();
            var rss = _contenders.Select(c => c.Trial.Try(
                () => c.Session!.PeakRssKiB() ?? throw new BenchmarkFailure($"{c.Middle.Name} exited before its RSS could be read"), out var kib) ? kib : 0).ToArray();
            const double rssTarget = (3 * 16) + 40;
            Row("peak RSS (VmHWM)", rssA is { } kibA ? Format.MiB(kibA / 1024.0) + " (server)" : "n/a",
                i => (Format.MiB(rss[i] / 1024.0) + $" ({_contenders[i].Middle.Name})", ""), $"≤ {rssTarget:0} MiB", i => rss[i] / 1024.0 <= rssTarget);
        }
        finally
        {
            foreach (var watchdog in watchdogs)
                watchdog?.Dispose();
            foreach (var contender in _contenders)
                contender.Session?.Dispose();
        }
    }

    private void MeasurePings(ChildSession a)
    {
        Progress("ping latency");
        var (pingA, pings) = InTurns(a, s => new PingLatency(s), p => p.WarmUp(options.PingWarmUp), Rounds, p => p.Run(options.Pings / Rounds));
        var added = Compared(pings, p => Paired.Median(pingA.RoundMedians, p.RoundMedians, (x, y) => y - x));
        Row("ping round trip p50", Format.Micros(pingA.Samples.P50),
            i => (Format.Micros(pings[i]!.Samples.P50), Format.SignedMicros(added[i])), "added ≤ 30 µs", i => added[i] <= 30);
        Row("ping round trip p99", Format.Micros(pingA.Samples.P99),
            i => (Format.Micros(pings[i]!.Samples.P99), Format.SignedMicros(pings[i]!.Samples.P99 - pingA.Samples.P99)));

        Progress("pipelined pings");
        var (burstA, bursts) = InTurns(a, s => new PipelinedPings(s), p => p.WarmUp(options.PipelinedPings / 10),
            options.PipelinedRounds, p => p.Run(options.PipelinedPings));
        var ratio = Compared(bursts, p => Paired.Median(burstA.Rates, p.Rates, (x, y) => y / x));
        Row($"pipelined pings ({options.PipelinedPings:#,0} × {options.PipelinedRounds}, median)", Format.Rate(burstA.MedianRate),
            i => (Format.Rate(bursts[i]!.MedianRate), Format.Percent(ratio[i])), "≥ 70%", i => ratio[i] >= 0.70);
    }

    private void MeasureEchoes(ChildSession a)
    {
        foreach (var (mib, count) in new[] { (1, options.OneMiBEchoes), (16, options.SixteenMiBEchoes) })
        {
            Progress($"echo {mib} MiB");
            var request = new EchoRequest(mib * OneMiB);
            var (echoA, echoes) = InTurns(a, s => new EchoRoundTrip(s, request), e => e.WarmUp(options.EchoWarmUp), count, e => e.Run(1));
            var faster = Compared(echoes, e => Paired.Median(echoA.Times, e.Times, (x, y) => x / y));
            double Throughput(double us) => mib / (us / 1_000_000);
            string Echo(double us) => $"{Format.Millis(us)} ({Format.MiBPerSecond(Throughput(us))})";
            Row($"echo {mib} MiB round trip p50 (one at a time)", Echo(echoA.Samples.P50),
                i => (Echo(echoes[i]!.Samples.P50), Format.Percent(faster[i])));
            Row($"echo {mib} MiB round trip p99", Format.Millis(echoA.Samples.P99),
                i => (Format.Millis(echoes[i]!.Samples.P99), Format.Percent(echoA.Samples.P99 / echoes[i]!.Samples.P99)));

            Progress($"echo {mib} MiB throughput");
            var (calls, rounds) = (options.PipelinedEchoes(mib), options.PipelinedEchoRounds);
            var (streamA, streams) = InTurns(a, s => new PipelinedEchoes(s, request), e => e.WarmUp(2), rounds, e => e.Run(calls));
            var ratio = Compared(streams, e => Paired.Median(streamA.Rates, e.Rates, (x, y) => y / x));
            Row($"echo {mib} MiB throughput ({calls} back to back × {rounds}, median)", Format.MiBPerSecond(streamA.MedianBytesPerSecond / OneMiB),
                i => (Format.MiBPerSecond(streams[i]!.MedianBytesPerSecond / OneMiB), Format.Percent(ratio[i])), "≥ 60%", i => ratio[i] >= 0.60);
        }
    }

    private void MeasureSpawns()
    {
        Progress("spawn to initialize");
        var recordA = Path.Combine(workDir, "first-frame-a.txt");
        var spawnA = new SpawnToInitialize(new ServerCommand(fakeServer, ["--record", recordA]), recordA);
        var spawns = _contenders.Select(c => c.Middle.Recorded is { } command ? new SpawnToInitialize(command, c.Middle.RecordFile) : null).ToArray();
        spawnA.Spawn(warmUp: true);
        foreach (var (contender, i) in _contenders.Select((c, i) => (c, i)))
            contender.Trial.Try(() => spawns[i]!.Spawn(warmUp: true));
        TakeTurns(options.Spawns, () => spawnA.Spawn(), i => spawns[i]!.Spawn());

        var initA = spawnA.ToInitialize;
        var added = Compared(spawns, s => Paired.Median(spawnA.InitializeTimes, s.InitializeTimes, (x, y) => y - x));
        Row("spawn → initialize answer p50", Format.Millis(initA.P50),
            i => (Format.Millis(spawns[i]!.ToInitialize.P50), Format.SignedMillis(added[i])), "added < 15 ms", i => added[i] < 15_000);
        Row("spawn → initialize answer p99", Format.Millis(initA.P99),
            i => (Format.Millis(spawns[i]!.ToInitialize.P99), Format.SignedMillis(spawns[i]!.ToInitialize.P99 - initA.P99)));
        if (spawnA.ToFirstFrame is { } firstA)
        {
            Row("spawn → server reads 1st frame p50", Format.Millis(firstA.P50), i => spawns[i]!.ToFirstFrame is { } first
                ? (Format.Millis(first.P50), Format.SignedMillis(first.P50 - firstA.P50))
                : ("-", ""));
        }
    }

    /// <summary>Makes one measurement per set-up, warms each up, then runs <paramref name="rounds"/> rounds of turns.</summary>
    private (T A, T?[] Others) InTurns<T>(ChildSession a, Func<ChildSession, T> make, Action<T> warmUp, int rounds, Action<T> run)
        where T : class
    {
        var mine = make(a);
        var others = _contenders.Select(c => c.Session is { } session ? make(session) : null).ToArray();
        warmUp(mine);
        foreach (var (contender, i) in _contenders.Select((c, i) => (c, i)))
            contender.Trial.Try(() => warmUp(others[i]!));
        TakeTurns(rounds, () => run(mine), i => run(others[i]!));
        return (mine, others);
    }

    /// <summary>
    /// Each round, A and every set-up still measured take one turn; the order rotates by one each round, so no set-up
    /// always runs right after another (a warm cache or a just-woken core favours whoever comes second).
    /// </summary>
    private void TakeTurns(int rounds, Action a, Action<int> other)
    {
        var turns = _contenders.Count + 1;
        for (var round = 0; round < rounds; round++)
        {
            for (var turn = 0; turn < turns; turn++)
            {
                var who = (turn + round) % turns;
                if (who == 0)
                    a();
                else
                    _contenders[who - 1].Trial.Try(() => other(who - 1));
            }
        }
    }

    /// <summary>The comparison for each set-up that was measured in full (NaN for the others, whose cells show "-").</summary>
    private double[] Compared<T>(T?[] measurements, Func<T, double> compare)
        where T : class =>
        _contenders.Select((c, i) => c.Measured ? compare(measurements[i]!) : double.NaN).ToArray();

    /// <summary>A's value, then each set-up's value and comparison; the target and whether it was met go with B only.</summary>
    private void Row(string metric, string a, Func<int, (string Value, string Versus)> cell, string target = "", Func<int, bool>? met = null)
    {
        List<string> cells = [metric, a];
        for (var i = 0; i < _contenders.Count; i++)
        {
            var measured = _contenders[i].Measured;
            var (value, versus) = measured ? cell(i) : ("-", "");
            cells.Add(value);
            cells.Add(versus);
            if (i == 0)
            {
                cells.Add(target);
                cells.Add(ResultTable.Met(measured && met is not null ? met(i) : null));
            }
        }

        _table.AddRow([.. cells]);
    }

    private static void Progress(string what) => Console.Error.WriteLine($"measuring {what}...");
}
