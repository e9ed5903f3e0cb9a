using System.Text;
using McpShim.Relay;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

public sealed class FrameReaderSpecs
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void A_UTF8_character_split_across_reads_survives(int chunkSize)
    {
        var frame = "{\"text\":\"héllo 世界 🎉\"}";
        var data = Encoding.UTF8.GetBytes(frame + "\n");

        var items = FrameCollector.ReadAll(new ChunkedStream(data, chunkSize));

        var single = Assert.Single(items);
        Assert.Equal(FrameKind.Frame, single.Kind);
        Assert.Equal(frame, Encoding.UTF8.GetString(single.Bytes));
    }

    [Fact]
    public void CRLF_endings_and_blank_lines_are_tolerated()
    {
        var data = "{\"a\":1}\r\n\r\n\n  \n{\"b\":2}\n"u8.ToArray();

        var items = FrameCollector.ReadAll(new MemoryStream(data));

        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], items.Select(i => Encoding.UTF8.GetString(i.Bytes)));
    }

    [Fact]
    public void An_empty_stream_has_no_frames()
    {
        Assert.Empty(FrameCollector.ReadAll(new MemoryStream([])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(1 << 20)]
    [InlineData(64 << 20)]
    public void Frames_up_to_64_MiB_pass_intact(int payloadBytes)
    {
        var frame = BigFrame(payloadBytes);
        var data = new byte[frame.Length * 2 + 2];
        frame.CopyTo(data, 0);
        data[frame.Length] = (byte)'\n';
        frame.CopyTo(data, frame.Length + 1);
        data[^1] = (byte)'\n';

        var reader = new FrameReader(new ChunkedStream(data, 1 << 20), 128L << 20);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(reader.TryRead(out var item));
            Assert.Equal(FrameKind.Frame, item.Kind);
            Assert.True(item.Bytes.SequenceEqual(frame));
        }

        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void A_complete_last_frame_without_newline_is_kept()
    {
        var items = FrameCollector.ReadAll(new MemoryStream("{\"a\":1}\n{\"b\":2}"u8.ToArray()));

        Assert.Equal([FrameKind.Frame, FrameKind.Frame], items.Select(i => i.Kind));
        Assert.Equal("{\"b\":2}", Encoding.UTF8.GetString(items[1].Bytes));
    }

    [Fact]
    public void A_frame_cut_off_at_EOF_is_reported_not_forwarded_as_a_frame()
    {
        var items = FrameCollector.ReadAll(new MemoryStream("{\"a\":1}\n{\"b\":\"cut"u8.ToArray()));

        Assert.Equal([FrameKind.Frame, FrameKind.TruncatedTail], items.Select(i => i.Kind));
    }

    [Fact]
    public void An_oversized_frame_is_dropped_with_its_id_and_method_and_the_next_frame_survives()
    {
        var big = $"{{\"jsonrpc\":\"2.0\",\"params\":{{\"blob\":\"{new string('x', 100_000)}\",\"n\":{{\"id\":9}}}},\"id\":\"req-7\",\"method\":\"tools/call\"}}";
        var data = Encoding.UTF8.GetBytes(big + "\n{\"ok\":true}\n");

        var items = FrameCollector.ReadAll(new ChunkedStream(data, 4096), maxFrameBytes: 10_000);

        Assert.Equal([FrameKind.Oversized, FrameKind.Frame], items.Select(i => i.Kind));
        Assert.Equal(big.Length, items[0].Length);
        Assert.Equal(new OversizedEnvelope("\"req-7\"", "tools/call"), items[0].Envelope);
        Assert.Equal("{\"ok\":true}", Encoding.UTF8.GetString(items[1].Bytes));
    }

    [Fact]
    public void An_oversized_frame_within_one_read_is_also_dropped()
    {
        var big = "{\"id\":12,\"method\":\"ping\",\"pad\":\"" + new string('y', 5000) + "\"}\n{\"ok\":1}\n";

        var items = FrameCollector.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(big)), maxFrameBytes: 1024);

        Assert.Equal([FrameKind.Oversized, FrameKind.Frame], items.Select(i => i.Kind));
        Assert.Equal(new OversizedEnvelope("12", "ping"), items[0].Envelope);
    }

    [Fact]
    public void An_oversized_frame_cut_off_at_EOF_is_still_reported()
    {
        var data = Encoding.UTF8.GetBytes("{\"id\":1,\"x\":\"" + new string('z', 50_000));

        var items = FrameCollector.ReadAll(new ChunkedStream(data, 1000), maxFrameBytes: 1000);

        var single = Assert.Single(items);
        Assert.Equal(FrameKind.Oversized, single.Kind);
        Assert.Equal(data.Length, single.Length);
    }

    [Fact]
    public void Reading_a_big_frame_in_small_chunks_is_not_quadratic()
    {
        var frame = BigFrame(8 << 20);
        var data = new byte[frame.Length + 1];
        frame.CopyTo(data, 0);
        data[^1] = (byte)'\n';
        var stream = new ChunkedStream(data, 4096);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var items = FrameCollector.ReadAll(stream, 64L << 20);

        Assert.Single(items);
        // 2048 reads of 4 KiB; a reader that rescanned its whole buffer per read would touch ~8 GiB.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Fact]
    public void The_pump_hook_runs_before_every_read_that_may_block()
    {
        var data = "{\"a\":1}\n{\"b\":2}\n"u8.ToArray();
        var reader = new FrameReader(new ChunkedStream(data, 100), 1024);
        var hooks = 0;
        reader.BeforeBlockingRead = () => hooks++;

        Assert.True(reader.TryRead(out _));
        Assert.Equal(1, hooks);
        Assert.True(reader.TryRead(out _)); // already buffered: no read, no hook
        Assert.Equal(1, hooks);
        Assert.False(reader.TryRead(out _));
        Assert.Equal(2, hooks);
    }

    private static byte[] BigFrame(int payloadBytes)
    {
        if (payloadBytes == 0)
            return [];
        var prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\""u8;
        var suffix = "\"}"u8;
        var frame = new byte[Math.Max(payloadBytes, prefix.Length + suffix.Length)];
        prefix.CopyTo(frame);
        frame.AsSpan(prefix.Length, frame.Length - prefix.Length - suffix.Length).Fill((byte)'a');
        suffix.CopyTo(frame.AsSpan(frame.Length - suffix.Length));
        return frame;
    }

    [Fact]
    public void A_line_past_the_stream_threshold_comes_out_in_pieces_that_add_up_to_it()
    {
        var big = "{\"id\":1,\"result\":\"" + new string('p', 300_000) + "\"}";
        var data = Encoding.UTF8.GetBytes("{\"small\":1}\n" + big + "\r\n{\"after\":2}\n");
        var reader = new FrameReader(new ChunkedStream(data, 10_000), maxFrameBytes: 1 << 20) { StreamThreshold = 50_000 };
        var kinds = new List<FrameKind>();
        var streamed = new MemoryStream();

        while (reader.TryRead(out var item))
        {
            kinds.Add(item.Kind);
            if (item.Kind is FrameKind.Piece or FrameKind.LastPiece)
                streamed.Write(item.Bytes);
        }

        Assert.Equal(FrameKind.Frame, kinds[0]);
        Assert.Equal(FrameKind.Frame, kinds[^1]);
        Assert.Equal(FrameKind.LastPiece, kinds[^2]);
        Assert.All(kinds.Skip(1).SkipLast(2), k => Assert.Equal(FrameKind.Piece, k));
        Assert.Equal(big, Encoding.UTF8.GetString(streamed.ToArray()));
    }

    [Fact]
    public void A_streamed_line_cut_off_by_EOF_ends_as_a_truncated_tail()
    {
        var data = Encoding.UTF8.GetBytes("{\"id\":1,\"result\":\"" + new string('p', 100_000));
        var reader = new FrameReader(new ChunkedStream(data, 10_000), maxFrameBytes: 1 << 20) { StreamThreshold = 20_000 };
        var kinds = new List<FrameKind>();

        while (reader.TryRead(out var item))
            kinds.Add(item.Kind);

        Assert.Equal(FrameKind.TruncatedTail, kinds[^1]);
        Assert.All(kinds.SkipLast(1), k => Assert.Equal(FrameKind.Piece, k));
    }

    [Fact]
    public void A_long_line_the_filter_refuses_to_stream_comes_out_whole_and_the_filter_is_asked_once_per_line()
    {
        var held = "{\"method\":\"tools/call\",\"params\":\"" + new string('a', 120_000) + "\"}";
        var streamed = "{\"method\":\"notifications/progress\",\"params\":\"" + new string('b', 120_000) + "\"}";
        var data = System.Text.Encoding.UTF8.GetBytes(held + "\n" + streamed + "\n");
        var asked = 0;
        var reader = new FrameReader(new ChunkedStream(data, 10_000), maxFrameBytes: 1 << 20)
        {
            StreamThreshold = 50_000,
            CanStream = head =>
            {
                asked++;
                return head.IndexOf("tools/call"u8) < 0;
            },
        };
        var items = new List<(FrameKind Kind, int Length)>();

        while (reader.TryRead(out var item))
            items.Add((item.Kind, item.Bytes.Length));

        Assert.Equal((FrameKind.Frame, held.Length), items[0]);
        Assert.All(items.Skip(1).SkipLast(1), i => Assert.Equal(FrameKind.Piece, i.Kind));
        Assert.Equal(FrameKind.LastPiece, items[^1].Kind);
        Assert.Equal(streamed.Length, items.Skip(1).Sum(i => i.Length));
        Assert.Equal(2, asked);
    }

    [Fact]
    public void A_held_line_over_the_maximum_is_still_dropped_as_oversized()
    {
        var data = System.Text.Encoding.UTF8.GetBytes("{\"id\":4,\"method\":\"tools/call\",\"params\":\"" + new string('a', 300_000) + "\"}\n{\"id\":5}\n");
        var reader = new FrameReader(new ChunkedStream(data, 10_000), maxFrameBytes: 100_000) { StreamThreshold = 50_000, CanStream = _ => false };

        Assert.True(reader.TryRead(out var first));
        Assert.Equal(FrameKind.Oversized, first.Kind);
        Assert.Equal("4", first.Envelope!.RawId);
        Assert.True(reader.TryRead(out var second));
        Assert.Equal(FrameKind.Frame, second.Kind);
    }
}
