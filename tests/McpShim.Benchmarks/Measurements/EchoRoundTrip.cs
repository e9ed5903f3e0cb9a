using System.Diagnostics;
using McpShim.Benchmarks.Processes;

namespace McpShim.Benchmarks.Measurements;

/// <summary>Large frames: a tools/call 'echo' of N bytes, answered with the same N bytes, one at a time.</summary>
internal sealed class EchoRoundTrip(ChildSession session, EchoRequest request)
{
    private readonly List<double> _times = [];

    /// <summary>Round-trip times in µs.</summary>
    public Samples Samples => Samples.Of([.. _times]);

    /// <summary>Each counted round trip in µs, in the order they ran.</summary>
    public IReadOnlyList<double> Times => _times;

    public void WarmUp(int count) => RoundTrips(count, keep: false);

    public void Run(int count) => RoundTrips(count, keep: true);

    private void RoundTrips(int count, bool keep)
    {
        for (var i = 0; i < count; i++)
        {
            var id = session.NextEchoId();
            request.SetId(id);
            var start = Stopwatch.GetTimestamp();
            session.Write(request.Frame);
            var answer = session.ReadResponse(id);
            var elapsed = Clock.MicrosecondsSince(start);
            if (answer.Length < request.MessageBytes)
            {
                var shown = System.Text.Encoding.UTF8.GetString(answer[..Math.Min(300, answer.Length)]);
                throw new BenchmarkFailure($"echo of {request.MessageBytes} bytes got a short answer: {shown}");
            }

            if (keep)
                _times.Add(elapsed);
        }
    }
}
