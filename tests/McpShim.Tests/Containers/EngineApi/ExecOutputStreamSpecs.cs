using System.Text;
using McpShim.Containers.EngineApi;
using McpShim.Tests.Support;
using static McpShim.Tests.Containers.EngineApi.MultiplexedFrames;

namespace McpShim.Tests.Containers.EngineApi;

public sealed class ExecOutputStreamSpecs
{
    private static readonly byte[] Interleaved = Concat(
        Frame(Stdout, "{\"jsonrpc\":\"2.0\",\"id\":1}\n"),
        Frame(Stderr, "starting up\n"),
        Frame(Stdout, string.Empty),
        Frame(Stdout, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"héllo 世界\"}"),
        Frame(Stderr, string.Empty),
        Frame(Stdout, "\n"),
        Frame(Stderr, "done\n"));

    [Theory]
    [InlineData(1, 4096)]
    [InlineData(3, 4096)]
    [InlineData(7, 4096)]
    [InlineData(9, 4096)]
    [InlineData(4096, 4096)]
    [InlineData(4096, 1)]
    [InlineData(4096, 5)]
    [InlineData(4096, 13)]
    [InlineData(5, 3)]
    public void Stdout_and_stderr_come_apart_whatever_the_reads_and_the_buffer(int chunkSize, int bufferSize)
    {
        var (stdout, stderr, ended) = ReadAll(new ChunkedStream(Interleaved, chunkSize), bufferSize);

        Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":1}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"héllo 世界\"}\n", stdout);
        Assert.Equal("starting up\ndone\n", stderr);
        Assert.Equal(1, ended);
    }

    [Fact]
    public void A_large_stdout_payload_is_read_straight_into_the_callers_buffer()
    {
        var payload = Enumerable.Range(0, 300_000).Select(i => (byte)('a' + (i % 26))).ToArray();
        var data = Concat(Frame(Stdout, payload), Frame(Stdout, "x"));
        var source = new ChunkedStream(data, 65_536);
        using var stream = new ExecOutputStream(source, ReadOnlyMemory<byte>.Empty, new StderrBuffer());

        var received = new MemoryStream();
        var buffer = new byte[65_536];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            received.Write(buffer, 0, n);

        Assert.Equal([.. payload, (byte)'x'], received.ToArray());
        Assert.True(source.Reads <= 8, $"{source.Reads} reads for 300 KB in 64 KB reads: the payload should not be re-read in small pieces");
    }

    [Fact]
    public void Bytes_read_past_the_HTTP_head_come_first()
    {
        var data = Concat(Frame(Stdout, "first "), Frame(Stderr, "warn\n"), Frame(Stdout, "second"));

        var (stdout, stderr, _) = ReadAll(new ChunkedStream(data[11..], 2), 64, buffered: data[..11]);

        Assert.Equal("first second", stdout);
        Assert.Equal("warn\n", stderr);
    }

    [Fact]
    public void The_engines_own_error_stream_counts_as_stderr()
    {
        var data = Concat(Frame(3, "OCI runtime exec failed\n"), Frame(Stdout, "{}"));

        var (stdout, stderr, _) = ReadAll(new MemoryStream(data), 64);

        Assert.Equal("{}", stdout);
        Assert.Equal("OCI runtime exec failed\n", stderr);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void The_stream_ends_cleanly_or_mid_header_and_says_which(int headerBytes)
    {
        var data = Concat(Frame(Stdout, "whole"), Frame(Stdout, "next")[..headerBytes]);
        var errors = new StderrBuffer();
        using var stream = new ExecOutputStream(new ChunkedStream(data, 3), ReadOnlyMemory<byte>.Empty, errors);

        Assert.Equal("whole", ReadToEnd(stream, 64));
        Assert.Equal(headerBytes > 0, stream.EndedMidFrame);
        Assert.Equal(0, errors.Read(new byte[8])); // stderr is complete too: its reader sees the end
    }

    [Fact]
    public void Ending_mid_payload_hands_out_what_came_and_then_the_end()
    {
        var data = Concat(Frame(Stderr, "half a li"), Frame(Stdout, "{\"id\":1}\n{\"id\":2,\"resu"))[..^4];
        var errors = new StderrBuffer();
        var ended = 0;
        using var stream = new ExecOutputStream(new ChunkedStream(data, 4), ReadOnlyMemory<byte>.Empty, errors, () => ended++);

        Assert.Equal("{\"id\":1}\n{\"id\":2,\"", ReadToEnd(stream, 64));
        Assert.True(stream.EndedMidFrame);
        Assert.Equal(0, stream.Read(new byte[8])); // reading again stays at the end
        Assert.Equal(1, ended);
        Assert.Equal("half a li", ReadToEnd(errors, 64));
    }

    [Fact]
    public void A_stream_that_is_not_multiplexed_is_an_error_not_garbage_on_stdout()
    {
        var data = "{\"jsonrpc\":\"2.0\"}\n"u8.ToArray(); // what a TTY exec would send: raw bytes, no headers
        using var stream = new ExecOutputStream(new MemoryStream(data), ReadOnlyMemory<byte>.Empty, new StderrBuffer());

        var ex = Assert.Throws<IOException>(() => stream.Read(new byte[64], 0, 64));
        Assert.Contains("not multiplexed", ex.Message);
    }

    private static (string Stdout, string Stderr, int Ended) ReadAll(Stream source, int bufferSize, byte[]? buffered = null)
    {
        var errors = new StderrBuffer();
        var ended = 0;
        var collected = Task.Run(() => ReadToEnd(errors, 7));
        using var stream = new ExecOutputStream(source, buffered ?? ReadOnlyMemory<byte>.Empty, errors, () => ended++);
        var stdout = ReadToEnd(stream, bufferSize);
        Assert.True(collected.Wait(TimeSpan.FromSeconds(10)), "stderr was not completed at the end of the stream");
        return (stdout, collected.Result, ended);
    }

    private static string ReadToEnd(Stream stream, int bufferSize)
    {
        var received = new MemoryStream();
        var buffer = new byte[bufferSize];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            received.Write(buffer, 0, n);
        return Encoding.UTF8.GetString(received.ToArray());
    }
}
