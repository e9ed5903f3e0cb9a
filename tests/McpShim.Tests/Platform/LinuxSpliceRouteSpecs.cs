using System.IO.Pipes;
using System.Net.Sockets;
using System.Text;
using McpShim.Platform;
using McpShim.Relay;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

/// <summary>
/// Streamed frames that go from pipe to pipe inside the kernel must come out exactly as the copying relay writes them,
/// with the same envelopes seen on the way.
/// </summary>
public sealed class LinuxSpliceRouteSpecs
{
    private const int KiB = 1024;

    [LinuxFact]
    public void Big_frames_spliced_between_pipes_come_out_as_the_copying_relay_writes_them()
    {
        var input = Frames(
            Request(1, "ping"),
            Echo(2, 300 * KiB),
            "",
            Echo(3, 1024 * KiB) + "\r",
            Response(3, 3 * 1024 * KiB),
            Request(4, "ping") + "\r",
            Echo(5, 257 * KiB));

        var copied = Pump(input, zeroCopy: false, maxFrameBytes: 64L << 20);
        var spliced = Pump(input, zeroCopy: true, maxFrameBytes: 64L << 20);

        Assert.True(spliced.MovedBytes > 3 * 1024 * KiB, $"only {spliced.MovedBytes} bytes were spliced");
        Assert.Equal(0, copied.MovedBytes);
        Assert.Equal(Expected(input), Encoding.UTF8.GetString(spliced.Output));
        Assert.Equal(copied.Output, spliced.Output);
        Assert.Equal(copied.Seen, spliced.Seen);
        Assert.Contains(spliced.Seen, seen => seen.StartsWith("streamed Request 2 tools/call echo False 307298 [message, ", StringComparison.Ordinal));
        Assert.Contains("streamed Response 3   True 3145816 ", spliced.Seen); // isError read past 3 MiB of text
    }

    [LinuxFact]
    public void A_spliced_frame_over_the_limit_is_cut_off_as_a_copied_one_is()
    {
        var input = Frames(Echo(1, 2048 * KiB), Request(2, "ping"), Echo(3, 600 * KiB), Request(4, "ping"));

        var copied = Pump(input, zeroCopy: false, maxFrameBytes: 1024 * KiB);
        var spliced = Pump(input, zeroCopy: true, maxFrameBytes: 1024 * KiB);

        Assert.True(spliced.MovedBytes > 0);
        Assert.Equal(copied.Output, spliced.Output);
        Assert.Equal(copied.Seen, spliced.Seen);
        Assert.Contains("oversized 1 2097250", spliced.Seen);
        Assert.Equal("frame Request 4 ping 40", spliced.Seen[^1]);
    }

    [LinuxFact]
    public void Big_frames_splice_into_a_socket_as_node_based_clients_give_their_servers()
    {
        // libuv (Node, Electron: Claude Desktop, VS Code) hands a child sockets, not pipes, for its stdio.
        var input = Frames(Request(1, "ping"), Response(1, 2 * 1024 * KiB), Request(2, "ping"));
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var folder = new TempFolder();
        var endpoint = new UnixDomainSocketEndPoint(Path.Combine(folder.Path, "client.sock"));
        listener.Bind(endpoint);
        listener.Listen(1);
        using var clientEnd = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        clientEnd.Connect(endpoint);
        using var shimEnd = listener.Accept();

        var spliced = Pump(input, zeroCopy: true, maxFrameBytes: 64L << 20,
            destination: (new FdStream((int)shimEnd.Handle, canRead: false), new NetworkStream(clientEnd), () => shimEnd.Shutdown(SocketShutdown.Send)));

        Assert.True(spliced.MovedBytes > 1024 * KiB, $"only {spliced.MovedBytes} bytes were spliced");
        Assert.Equal(Expected(input), Encoding.UTF8.GetString(spliced.Output));
    }

    [LinuxFact]
    public void Files_and_streams_that_are_not_pipes_are_copied()
    {
        using var folder = new TempFolder();
        using var file = File.Create(Path.Combine(folder.Path, "out"));
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);

        Assert.Null(LinuxSpliceRoute.TryCreate(pipe, new MemoryStream()));
        Assert.Null(LinuxSpliceRoute.TryCreate(file, pipe));
    }

    private static string Request(int id, string method) => $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}"}""";

    private static string Echo(int id, int bytes) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" +
        new string('é', bytes / 2) + "\"}}}";

    private static string Response(int id, int bytes) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + new string('x', bytes) +
        "\"}],\"isError\":true}}";

    private static byte[] Frames(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static string Expected(byte[] input) =>
        string.Concat(Encoding.UTF8.GetString(input).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => l + "\n"));

    /// <param name="destination">The pump's output, what reads it, and how to end it; two ends of a pipe when null.</param>
    private static PumpRun Pump(byte[] input, bool zeroCopy, long maxFrameBytes, (Stream Writable, Stream Readable, Action Close)? destination = null)
    {
        using var source = new AnonymousPipeServerStream(PipeDirection.Out);
        using var sourceEnd = new AnonymousPipeClientStream(PipeDirection.In, source.ClientSafePipeHandle);
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        using var pipeEnd = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
        var (destinationEnd, destinationReader, close) = destination ?? (pipeEnd, pipe, pipeEnd.Dispose);
        var route = zeroCopy ? new CountingRoute(LinuxSpliceRoute.TryCreate(sourceEnd, destinationEnd) ?? throw new InvalidOperationException("no route between two pipes")) : null;
        var observer = new RecordingObserver();
        var pump = new FramePump(sourceEnd, new FrameWriter(destinationEnd), Direction.ClientToServer, maxFrameBytes, observer, new ListLogger(), route is null ? null : () => route);

        var output = new MemoryStream();
        var reading = Task.Run(() => destinationReader.CopyTo(output));
        var writing = Task.Run(() =>
        {
            var random = new Random(7);
            for (var at = 0; at < input.Length;)
            {
                var n = Math.Min(input.Length - at, random.Next(1, 200 * KiB));
                source.Write(input, at, n);
                at += n;
            }

            source.Dispose();
        });
        pump.Start();
        Assert.True(writing.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(PumpEnd.SourceClosed, pump.Completion.Result);
        close();
        Assert.True(reading.Wait(TimeSpan.FromSeconds(30)));
        return new PumpRun(output.ToArray(), observer.Seen, route?.Moved ?? 0);
    }

    private sealed record PumpRun(byte[] Output, List<string> Seen, long MovedBytes);

    private sealed class RecordingObserver : IFrameObserver
    {
        public List<string> Seen { get; } = [];

        public FrameVerdict OnFrame(Direction direction, ReadOnlySpan<byte> frame)
        {
            var info = FrameInspector.Inspect(frame, keepArgumentValues: false);
            Seen.Add($"frame {info.Kind} {info.Id} {info.Method} {frame.Length}");
            return FrameVerdict.Forward;
        }

        public void OnStreamedFrame(Direction direction, FrameInfo info, long length) =>
            Seen.Add($"streamed {info.Kind} {info.Id} {info.Method} {info.ToolName} {info.IsToolError} {length} {string.Join(",", info.Arguments?.Sizes ?? [])}");

        public void OnOversized(Direction direction, long length, OversizedEnvelope envelope) => Seen.Add($"oversized {envelope.RawId} {length}");

        public StreamHeadFilter? StreamFilter(Direction direction) => null;
    }

    private sealed class CountingRoute(IZeroCopyRoute inner) : IZeroCopyRoute
    {
        public long Moved { get; private set; }

        public int Peek(Span<byte> buffer) => inner.Peek(buffer);

        public void Move(int count)
        {
            inner.Move(count);
            Moved += count;
        }

        public void Skip(int count) => inner.Skip(count);

        public void Dispose() => inner.Dispose();
    }
}
