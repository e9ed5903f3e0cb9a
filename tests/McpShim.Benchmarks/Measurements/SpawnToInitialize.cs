using System.Diagnostics;
using System.Globalization;
using McpShim.Benchmarks.Processes;

namespace McpShim.Benchmarks.Measurements;

/// <summary>
/// Cold start: from Process.Start to the initialize answer, and (when the fake server records it with --record) to
/// the moment the server read its first frame.
/// </summary>
internal sealed class SpawnToInitialize(ServerCommand command, string? recordFile)
{
    private readonly List<double> _toInitialize = [];
    private readonly List<double> _toFirstFrame = [];
    private readonly List<double> _cpu = [];

    public Samples ToInitialize => Samples.Of([.. _toInitialize]);

    /// <summary>Each counted spawn's time to the initialize answer in µs, in the order they ran.</summary>
    public IReadOnlyList<double> InitializeTimes => _toInitialize;

    public Samples? ToFirstFrame => _toFirstFrame.Count == 0 ? null : Samples.Of([.. _toFirstFrame]);

    /// <summary>Each counted spawn's CPU time in µs, every process of the session together (<see cref="ChildrenCpu"/>); empty where unknown.</summary>
    public IReadOnlyList<double> CpuTimes => _cpu;

    /// <summary>One spawn; not counted when <paramref name="warmUp"/> (the first spawn pays for a cold page cache).</summary>
    public void Spawn(bool warmUp = false)
    {
        if (recordFile is not null)
            File.Delete(recordFile);

        var wallStart = Clock.WallMicroseconds();
        var cpuStart = ChildrenCpu.Micros();
        var start = Stopwatch.GetTimestamp();
        using (var session = ChildSession.Start(command))
        {
            using var watchdog = session.Watchdog(TimeSpan.FromSeconds(60));
            session.Initialize();
            var elapsed = Clock.MicrosecondsSince(start);
            if (!warmUp)
                _toInitialize.Add(elapsed);
        }

        if (!warmUp && cpuStart is { } before && ChildrenCpu.Micros() is { } after)
            _cpu.Add(after - before);

        if (!warmUp && recordFile is not null && File.Exists(recordFile))
        {
            var recorded = long.Parse(File.ReadLines(recordFile).First(), CultureInfo.InvariantCulture);
            _toFirstFrame.Add(recorded - wallStart);
        }
    }
}
