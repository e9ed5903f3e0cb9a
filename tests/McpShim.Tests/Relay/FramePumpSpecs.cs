using System.Text;
using McpShim.Relay;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

/// <summary>
/// Without a policy a pump forwards a burst of whole frames as one run; it must write exactly what frame-by-frame
/// forwarding writes, and show the session the same frames.
/// </summary>
public sealed class FramePumpSpecs
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task Runs_of_frames_come_out_as_frame_by_frame_forwarding_writes_them(int readSize)
    {
        var random = new Random(readSize);
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 3000).Select(i => RandomLine(random, i))));

        var framed = await PumpAsync(input, readSize, runs: false);
        var inRuns = await PumpAsync(input, readSize, runs: true);

        Assert.Equal(framed.Seen, inRuns.Seen);
        Assert.Equal(Encoding.UTF8.GetString(framed.Output), Encoding.UTF8.GetString(inRuns.Output));
        Assert.Contains(inRuns.Seen, s => s.StartsWith("oversized", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_burst_read_in_pieces_that_cut_frames_goes_on_with_one_write_per_read()
    {
        // 40 KB reads of 44-byte pings: every read ends inside a frame, whose rest starts the next read.
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(100_000, 20_000).Select(i => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"ping\"}}\n")));
        var source = new ChunkedStream(input, 40_000);
        var output = new CountingStream();
        var pump = new FramePump(source, new FrameWriter(output), Direction.ClientToServer, maxFrameBytes: 1 << 20, new RecordingObserver(), new ListLogger())
        {
            HoldGateAcrossBatch = true,
        };

        pump.Start();
        Assert.Equal(PumpEnd.SourceClosed, await pump.Completion.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(input, output.ToArray());
        // Not one write for the frame that straddled a read and another for the run after it.
        Assert.True(output.Writes <= source.Reads, $"{output.Writes} writes for {source.Reads} reads");
    }

    [Fact]
    public async Task A_bug_under_a_pump_stops_it_with_the_stack_logged_instead_of_ending_the_process()
    {
        var input = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n");
        var logger = new ListLogger();
        var pump = new FramePump(new ChunkedStream(input, 16), new FrameWriter(new MemoryStream()), Direction.ClientToServer, maxFrameBytes: 1 << 20, new ThrowingObserver(), logger);

        pump.Start();

        Assert.Equal(PumpEnd.Failed, await pump.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(logger.Lines, l => l.StartsWith("Error: ", StringComparison.Ordinal));
        Assert.Contains("a bug in mcpshim", line, StringComparison.Ordinal);
    }

    /// <summary>An observer with a bug in it.</summary>
    private sealed class ThrowingObserver : IFrameObserver
    {
        public FrameVerdict OnFrame(Direction direction, ReadOnlySpan<byte> frame) => throw new InvalidOperationException("a bug");

        public void OnStreamedFrame(Direction direction, FrameInfo info, long length) => throw new InvalidOperationException("a bug");

        public void OnOversized(Direction direction, long length, OversizedEnvelope envelope) => throw new InvalidOperationException("a bug");

        public StreamHeadFilter? StreamFilter(Direction direction) => null;
    }

    /// <summary>Counts writes. A MemoryStream subclass takes span writes through this overload too.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }
    }

    private static string RandomLine(Random random, int i) => random.Next(12) switch
    {
        0 => "\n", // blank
        1 => " \t\r\n",
        2 => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"ping\"}}\r\n", // CRLF
        3 => $"  {{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"ping\"}}\n", // leading spaces
        4 => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"tools/call\",\"params\":{{\"name\":\"e\",\"arguments\":{{\"m\":\"{new string('x', random.Next(3000))}\"}}}}}}\n",
        5 => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"tools/call\",\"params\":{{\"name\":\"big\",\"arguments\":{{\"m\":\"{new string('y', 5000)}\"}}}}}}\n", // over the limit
        6 => "not json\n",
        _ => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"ping\"}}\n",
    };

    private static async Task<PumpRun> PumpAsync(byte[] input, int readSize, bool runs)
    {
        var output = new MemoryStream();
        var observer = new RecordingObserver();
        var pump = new FramePump(new ChunkedStream(input, readSize), new FrameWriter(output), Direction.ClientToServer, maxFrameBytes: 4096, observer, new ListLogger())
        {
            HoldGateAcrossBatch = runs,
        };
        pump.Start();
        Assert.Equal(PumpEnd.SourceClosed, await pump.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        return new PumpRun(output.ToArray(), observer.Seen);
    }

    private sealed record PumpRun(byte[] Output, List<string> Seen);

    private sealed class RecordingObserver : IFrameObserver
    {
        public List<string> Seen { get; } = [];

        public FrameVerdict OnFrame(Direction direction, ReadOnlySpan<byte> frame)
        {
            Seen.Add(Encoding.UTF8.GetString(frame));
            return FrameVerdict.Forward;
        }

        public void OnStreamedFrame(Direction direction, FrameInfo info, long length) => Seen.Add($"streamed {info.Id} {length}");

        public void OnOversized(Direction direction, long length, OversizedEnvelope envelope) => Seen.Add($"oversized {envelope.RawId} {length}");

        public StreamHeadFilter? StreamFilter(Direction direction) => null;
    }
}
