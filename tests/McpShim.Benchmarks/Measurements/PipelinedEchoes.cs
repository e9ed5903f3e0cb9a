using System.Diagnostics;
using McpShim.Benchmarks.Processes;

namespace McpShim.Benchmarks.Measurements;

/// <summary>
/// Large-frame throughput: one thread writes N echo calls of the same size back to back (the pipes' back-pressure
/// paces it) while this one reads the answers, as <see cref="PipelinedPings"/> does for small messages. A relay that
/// keeps both directions moving overlaps its copies with the server's work; one round trip at a time
/// (<see cref="EchoRoundTrip"/>) measures its added latency instead.
/// </summary>
internal sealed class PipelinedEchoes(ChildSession session, EchoRequest request)
{
    private readonly List<double> _rates = [];

    /// <summary>The median of the rounds' echoed payload bytes per second (one direction, as for a single echo).</summary>
    public double MedianBytesPerSecond => _rates.Order().ElementAt(_rates.Count / 2);

    /// <summary>Each round\'s rate, in the order they ran.</summary>
    public IReadOnlyList<double> Rates => _rates;

    public void WarmUp(int count) => Burst(count);

    public void Run(int count) => _rates.Add(Burst(count));

    private double Burst(int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
            ids[i] = session.NextEchoId();
        Exception? writeError = null;
        var writer = new Thread(() =>
        {
            try
            {
                foreach (var id in ids)
                {
                    request.SetId(id); // the frame is rewritten only after the previous write returned
                    session.Write(request.Frame);
                }
            }
            catch (BenchmarkFailure e)
            {
                writeError = e;
            }
        }) { IsBackground = true, Name = "pipelined echo writer" };

        var start = Stopwatch.GetTimestamp();
        writer.Start();
        var (first, last) = (ids[0], ids[^1]);
        var answered = 0;
        while (answered < count)
        {
            var frame = session.ReadFrame();
            if (!ResponseId.TryRead(frame, out var id) || id < first || id > last)
                continue;
            if (frame.Length < request.MessageBytes)
                throw new BenchmarkFailure($"echo of {request.MessageBytes} bytes got a short answer: {System.Text.Encoding.UTF8.GetString(frame[..Math.Min(300, frame.Length)])}");
            answered++;
        }

        var seconds = Clock.MicrosecondsSince(start) / 1_000_000.0;
        writer.Join();
        if (writeError is not null)
            throw writeError;
        return (double)count * request.MessageBytes / seconds;
    }
}
