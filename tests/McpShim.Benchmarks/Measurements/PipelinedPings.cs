using System.Diagnostics;
using McpShim.Benchmarks.Processes;

namespace McpShim.Benchmarks.Measurements;

/// <summary>
/// Small-message throughput: one thread writes all pings without waiting while this one reads the answers.
/// </summary>
internal sealed class PipelinedPings(ChildSession session)
{
    private const int WriteChunk = 64 * 1024;
    private readonly List<double> _rates = [];

    /// <summary>The median of the rounds' answered messages per second.</summary>
    public double MedianRate => _rates.Order().ElementAt(_rates.Count / 2);

    /// <summary>Each round\'s rate, in the order they ran.</summary>
    public IReadOnlyList<double> Rates => _rates;

    public void WarmUp(int count) => Burst(count);

    public void Run(int count) => _rates.Add(Burst(count));

    private double Burst(int count)
    {
        var first = session.ReserveIds(count);
        var frames = Requests.Pings(first, count);
        Exception? writeError = null;
        var writer = new Thread(() =>
        {
            try
            {
                for (var at = 0; at < frames.Length; at += WriteChunk)
                    session.Write(frames.AsSpan(at, Math.Min(WriteChunk, frames.Length - at)));
            }
            catch (BenchmarkFailure e)
            {
                writeError = e;
            }
        }) { IsBackground = true, Name = "pipelined writer" };

        var start = Stopwatch.GetTimestamp();
        writer.Start();
        var last = first + count - 1;
        var answered = 0;
        while (answered < count)
        {
            if (ResponseId.TryRead(session.ReadFrame(), out var id) && id >= first && id <= last)
                answered++;
        }

        var seconds = Clock.MicrosecondsSince(start) / 1_000_000.0;
        writer.Join();
        if (writeError is not null)
            throw writeError;
        return count / seconds;
    }
}
