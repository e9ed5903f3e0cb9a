using System.Text;
using McpShim.Relay;

namespace McpShim.Tests.Relay;

public sealed class FrameWriterSpecs
{
    [Fact]
    public void Frames_are_written_with_LF_and_only_on_flush()
    {
        var output = new MemoryStream();
        var writer = new FrameWriter(output);

        lock (writer.Gate)
        {
            writer.Append("{\"a\":1}"u8);
            writer.Append("{\"b\":2}"u8);
            Assert.Equal(0, output.Length);
            writer.Flush();
        }

        Assert.Equal("{\"a\":1}\n{\"b\":2}\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void A_frame_bigger_than_the_batch_goes_out_whole_and_in_order()
    {
        var output = new MemoryStream();
        var writer = new FrameWriter(output);
        var big = Encoding.UTF8.GetBytes("\"" + new string('q', 200_000) + "\"");

        lock (writer.Gate)
        {
            writer.Append("1"u8);
            writer.Append(big);
            writer.Append("2"u8);
            writer.Flush();
        }

        var expected = "1\n" + Encoding.UTF8.GetString(big) + "\n2\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Frames_from_several_threads_never_interleave()
    {
        var output = new MemoryStream();
        var writer = new FrameWriter(output);
        var frames = Enumerable.Range(0, 8).Select(t => Encoding.UTF8.GetBytes($"{{\"t\":{t},\"pad\":\"{new string((char)('a' + t), 30_000)}\"}}")).ToArray();

        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 50; i++)
                writer.WriteFrame(frames[t]);
        });

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(400, lines.Length);
        Assert.All(lines, line => Assert.Contains(Encoding.UTF8.GetString(frames[line[5] - '0']), line, StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_destination_marks_the_writer_broken()
    {
        var writer = new FrameWriter(new BrokenStream());

        Assert.Throws<IOException>(() => writer.WriteFrame("{}"u8));
        Assert.True(writer.IsBroken);
        writer.WriteFrame("{}"u8); // later writes are dropped, not thrown
    }

    private sealed class BrokenStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("broken pipe");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("broken pipe");
    }
}
