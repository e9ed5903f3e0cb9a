using System.Diagnostics;
using McpShim.Benchmarks.Processes;

namespace McpShim.Benchmarks.Measurements;

/// <summary>
/// Sequential ping round trips: write one prebuilt frame, block until its answer, repeat. Runs in rounds so that
/// two set-ups can take turns and share the machine's noise.
/// </summary>
internal sealed class PingLatency(ChildSession session)
{
    private readonly List<double> _times = [];
    private readonly List<double> _roundMedians = [];

    /// <summary>Round-trip times in µs.</summary>
    public Samples Samples => Samples.Of([.. _times]);

    /// <summary>Each round's p50 in µs, in the order they ran.</summary>
    public IReadOnlyList<double> RoundMedians => _roundMedians;

    public void WarmUp(int count) => RoundTrips(count, keep: false);

    public void Run(int count) => RoundTrips(count, keep: true);

    private void RoundTrips(int count, bool keep)
    {
        var first = session.ReserveIds(count);
        var frames = new byte[count][];
        for (var i = 0; i < count; i++)
            frames[i] = Requests.Ping(first + i);

        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            session.Write(frames[i]);
            session.ReadResponse(first + i);
            times[i] = Clock.MicrosecondsSince(start);
        }

        if (keep)
        {
            _times.AddRange(times);
            _roundMedians.Add(Samples.Of(times).P50);
        }
    }
}
