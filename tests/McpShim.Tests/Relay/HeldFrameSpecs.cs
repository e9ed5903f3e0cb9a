using System.Text;
using McpShim.Relay;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

/// <summary>
/// A client frame past the streaming threshold is held whole (issue 13): its reads collect in a
/// <see cref="HeldFrameBuffer"/> and it is judged as one frame. However its reads fall, the judge sees exactly the line
/// sent; a frame over the limit is dropped with nothing written; and the memory it took goes back.
/// </summary>
public sealed class HeldFrameSpecs
{
    private const int MaxFrameBytes = 1 << 20;
    private static readonly string Pad = new('p', 300_000); // past the 256 KiB threshold: held, not buffered as usual

    public static TheoryData<string, string, string, int, string> Frames => new()
    {
        {
            "a repeated key cut by a read", """{"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":"PAD"},"method":"tools/call"}""",
            "\"method\":\"tools/call\"", 4, "duplicate_key"
        },
        {
            "a bare CR ending a read", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"pad\":\"PAD\"}}\r{\"id\":8}",
            "\r", 1, "bare_cr"
        },
        {
            "a bare CR starting a read", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"pad\":\"PAD\"}}\r{\"id\":8}",
            "\r", 0, "bare_cr"
        },
        { "an emoji cut after 1 byte", """{"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":"PAD🎉"}}""", "🎉", 1, "none" },
        { "an emoji cut after 2 bytes", """{"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":"PAD🎉"}}""", "🎉", 2, "none" },
        { "an emoji cut after 3 bytes", """{"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":"PAD🎉"}}""", "🎉", 3, "none" },
        { "a cut-off UTF-8 sequence cut by a read", """{"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":"PADBADx"}}""", "BAD", 1, "invalid_utf8" },
        { "a repeated key far past the head", """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"m":"PAD"},"name":"store"}}""", "\"name\":\"store\"", 2, "duplicate_key" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void A_frame_held_over_many_reads_is_judged_as_the_line_sent(string what, string frame, string cutAt, int into, string expected)
    {
        var line = Bytes(frame);
        var cut = Offset(line, cutAt) + into;
        var data = line.Append((byte)'\n').Concat(Bytes("""{"jsonrpc":"2.0","id":8,"method":"ping"}""" + "\n")).ToArray();
        var reader = HeldReader(new CutStream(data, 4096, cut));

        Assert.True(reader.TryRead(out var item), what);
        Assert.Equal(FrameKind.Frame, item.Kind);
        Assert.True(item.Bytes.SequenceEqual(line), what);
        Assert.True(reader.HeldBytes >= line.Length, $"{what}: held in {reader.HeldBytes} bytes");
        Assert.Equal(expected, FrameJudge.Check(item.Bytes).Name());
        Assert.Equal(FrameJudge.Check(line), FrameJudge.Check(item.Bytes));
        // What came after it in the same read is the next frame, whole.
        Assert.True(reader.TryRead(out var next));
        Assert.Equal("""{"jsonrpc":"2.0","id":8,"method":"ping"}""", Encoding.UTF8.GetString(next.Bytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_CRLF_cut_by_a_read_ends_a_held_frame_as_LF_does(int into)
    {
        var line = Bytes("""{"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":"PAD"}}""");
        var data = line.Concat("\r\n"u8.ToArray()).ToArray();
        var reader = HeldReader(new CutStream(data, 4096, line.Length + into));

        Assert.True(reader.TryRead(out var item));
        Assert.True(item.Bytes.SequenceEqual(line));
        Assert.Equal(FrameProblem.None, FrameJudge.Check(item.Bytes));
        Assert.False(reader.TryRead(out _));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(MaxFrameBytes + 1)]
    [InlineData(MaxFrameBytes + 10)]
    [InlineData(MaxFrameBytes + 100_000)]
    [InlineData(3 * MaxFrameBytes)]
    public async Task A_held_frame_over_the_limit_is_dropped_and_nothing_of_it_is_written(int length)
    {
        var big = BigCall(9, length);
        var ping = Bytes("""{"jsonrpc":"2.0","id":10,"method":"ping"}""");
        var input = big.Append((byte)'\n').Concat(ping).Append((byte)'\n').ToArray();
        var output = new MemoryStream();
        var observer = new ClientSide();
        var pump = new FramePump(new ChunkedStream(input, 64 * 1024), new FrameWriter(output), Direction.ClientToServer, MaxFrameBytes, observer, new ListLogger());

        pump.Start();
        Assert.Equal(PumpEnd.SourceClosed, await pump.Completion.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(ping.Append((byte)'\n'), output.ToArray());
        Assert.Equal([$"oversized 9 {length}", Encoding.UTF8.GetString(ping)], observer.Seen);
    }

    [Fact]
    public void A_big_frame_keeps_one_frame_of_memory_while_big_frames_follow_and_gives_it_back_at_an_ordinary_one()
    {
        var calls = Enumerable.Range(1, 4).Select(i => BigCall(i, 700_000)).ToList();
        var ping = Bytes("""{"jsonrpc":"2.0","id":10,"method":"ping"}""");
        var input = calls.SelectMany(c => c.Append((byte)'\n')).Concat(ping).Append((byte)'\n').ToArray();
        var reader = HeldReader(new ChunkedStream(input, 64 * 1024));

        foreach (var call in calls)
        {
            Assert.True(reader.TryRead(out var item));
            Assert.True(item.Bytes.SequenceEqual(call));
            // One frame and at most one read past it, however many big frames came before.
            Assert.InRange(reader.HeldBytes, call.Length, call.Length + HeldFrameBuffer.ReadChunk);
        }

        Assert.True(reader.TryRead(out var last));
        Assert.True(last.Bytes.SequenceEqual(ping));
        Assert.Equal(0, reader.HeldBytes);
    }

    [Fact]
    public void A_held_frame_over_the_limit_gives_its_memory_back_at_once()
    {
        var input = BigCall(9, 2 * MaxFrameBytes).Append((byte)'\n').ToArray();
        var reader = HeldReader(new ChunkedStream(input, 64 * 1024));

        Assert.True(reader.TryRead(out var item));
        Assert.Equal(FrameKind.Oversized, item.Kind);
        Assert.Equal("9", item.Envelope!.RawId);
        Assert.Equal(0, reader.HeldBytes);
    }

    [Theory]
    [InlineData("}}}", true)]
    [InlineData("", false)]
    public void A_held_frame_the_stream_ends_in_is_whole_only_if_it_parses(string end, bool whole)
    {
        var call = BigCall(3, 400_000);
        var input = call[..^3].Concat(Bytes(end)).ToArray();
        var reader = HeldReader(new ChunkedStream(input, 64 * 1024));

        Assert.True(reader.TryRead(out var item));
        Assert.Equal(whole ? FrameKind.Frame : FrameKind.TruncatedTail, item.Kind);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void A_held_frame_buffer_keeps_its_pages_when_emptied_and_gives_them_back_when_disposed()
    {
        var buffer = new HeldFrameBuffer(MaxFrameBytes);
        buffer.Append(new byte[500_000]);
        Assert.Equal(500_000, buffer.HeldBytes);

        buffer.Clear();
        Assert.Equal(500_000, buffer.HeldBytes); // kept for the next big frame
        buffer.Dispose();
        Assert.Equal(0, buffer.HeldBytes);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Big_frames_back_to_back_go_out_whole_and_in_order_with_small_ones_between(bool gateAcrossBatch)
    {
        var frames = Enumerable.Range(1, 12)
            .Select(i => i % 3 == 1 ? Bytes($"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"ping\"}}") : BigCall(i, 300_000 + (i * 50_000)))
            .ToList();
        var input = frames.SelectMany(f => f.Append((byte)'\n')).ToArray();
        var output = new SlowStream();
        var observer = new ClientSide();
        var pump = new FramePump(new ChunkedStream(input, 64 * 1024), new FrameWriter(output), Direction.ClientToServer, MaxFrameBytes, observer, new ListLogger())
        {
            HoldGateAcrossBatch = gateAcrossBatch,
        };

        pump.Start();
        Assert.Equal(PumpEnd.SourceClosed, await pump.Completion.WaitAsync(TimeSpan.FromSeconds(50)));

        var sent = output.ToArray();
        var differ = input.AsSpan().CommonPrefixLength(sent);
        Assert.True(differ == input.Length && sent.Length == input.Length,
            $"what went out ({sent.Length} bytes) differs from what came in ({input.Length}) from byte {differ}: '{Encoding.UTF8.GetString(sent.AsSpan(differ, Math.Min(80, sent.Length - differ)))}'");
        Assert.Equal(frames.Select(f => Encoding.UTF8.GetString(f)), observer.Seen);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_big_frame_is_written_while_the_next_one_is_read()
    {
        var first = BigCall(1, 600_000);
        var second = BigCall(2, 600_000);
        var input = first.Append((byte)'\n').Concat(second).Append((byte)'\n').ToArray();
        var source = new ChunkedStream(input, 64 * 1024);
        // The receiver takes the first frame only once the pump has read the second one whole: a pump that wrote
        // each held frame before reading on would wait here for ever.
        var output = new SlowStream { Until = () => source.Position == input.Length };
        var pump = new FramePump(source, new FrameWriter(output), Direction.ClientToServer, MaxFrameBytes, new ClientSide(), new ListLogger());

        pump.Start();
        Assert.Equal(PumpEnd.SourceClosed, await pump.Completion.WaitAsync(TimeSpan.FromSeconds(50)));

        Assert.True(input.AsSpan().SequenceEqual(output.ToArray()));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_receiver_gone_under_a_big_frame_ends_the_pump_as_broken()
    {
        var input = BigCall(1, 600_000).Append((byte)'\n').Concat(BigCall(2, 600_000)).Append((byte)'\n').ToArray();
        var output = new SlowStream { FailAfter = 100_000 };
        var logger = new ListLogger();
        var pump = new FramePump(new ChunkedStream(input, 64 * 1024), new FrameWriter(output), Direction.ClientToServer, MaxFrameBytes, new ClientSide(), logger);

        pump.Start();
        var end = await pump.Completion.WaitAsync(TimeSpan.FromSeconds(50));

        Assert.True(end == PumpEnd.DestinationBroken, $"{end}:\n{string.Join('\n', logger.Lines)}");
    }

    /// <summary>A reader set up as the client-to-server pump sets it up: long lines are held whole, never streamed.</summary>
    private static FrameReader HeldReader(Stream source) =>
        new(source, MaxFrameBytes) { StreamThreshold = FramePump.StreamThreshold, CanStream = SessionTracker.NeverStream };

    /// <summary>A tools/call of exactly <paramref name="length"/> bytes.</summary>
    private static byte[] BigCall(int id, int length)
    {
        var head = $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"tools/call\",\"params\":{{\"name\":\"echo\",\"arguments\":{{\"message\":\"";
        return Bytes(head + new string('x', length - head.Length - 4) + "\"}}}");
    }

    /// <summary>The frame's bytes: PAD stands for 300,000 bytes, BAD for the first two bytes of a 4-byte character.</summary>
    private static byte[] Bytes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.Replace("PAD", Pad, StringComparison.Ordinal));
        var bad = bytes.AsSpan().IndexOf("BAD"u8);
        return bad < 0 ? bytes : [.. bytes[..bad], .. BadBytes, .. bytes[(bad + 3)..]];
    }

    private static byte[] BadBytes => [0xF0, 0x9F];

    private static int Offset(byte[] bytes, string what)
    {
        var at = bytes.AsSpan().IndexOf(what == "BAD" ? BadBytes : Encoding.UTF8.GetBytes(what));
        Assert.True(at >= 0, $"'{what}' is not in the frame");
        return at;
    }

    /// <summary>
    /// A receiver that takes at most 64 KiB a write, a little slowly; optionally not before <see cref="Until"/> holds
    /// (it gives up after 20 s, failing the spec rather than hanging it), or failing past <see cref="FailAfter"/> bytes.
    /// </summary>
    private sealed class SlowStream : Stream
    {
        private readonly MemoryStream _received = new();

        public Func<bool>? Until { get; init; }

        public long FailAfter { get; init; } = long.MaxValue;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _received.Length;

        public override long Position
        {
            get => _received.Length;
            set => throw new NotSupportedException();
        }

        public byte[] ToArray() => _received.ToArray();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Until is { } until && !until())
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(20))
                    throw new IOException("the pump did not read on while a big frame was being written");
                Thread.Sleep(1);
            }

            for (var at = 0; at < buffer.Length; at += 64 * 1024)
            {
                if (_received.Length > FailAfter)
                    throw new IOException("the receiver is gone");
                _received.Write(buffer[at..Math.Min(buffer.Length, at + (64 * 1024))]);
                Thread.SpinWait(200);
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>The client side as the session sees it: long frames held whole, every whole frame forwarded.</summary>
    private sealed class ClientSide : IFrameObserver
    {
        public List<string> Seen { get; } = [];

        public FrameVerdict OnFrame(Direction direction, ReadOnlySpan<byte> frame)
        {
            Seen.Add(Encoding.UTF8.GetString(frame));
            return FrameVerdict.Forward;
        }

        public void OnStreamedFrame(Direction direction, FrameInfo info, long length) => Seen.Add($"streamed {info.Id} {length}");

        public void OnOversized(Direction direction, long length, OversizedEnvelope envelope) => Seen.Add($"oversized {envelope.RawId} {length}");

        public StreamHeadFilter? StreamFilter(Direction direction) => SessionTracker.NeverStream;
    }
}
