namespace McpShim.Containers.EngineApi;

/// <summary>
/// The server's stderr taken out of an exec stream, read as a stream by the relay's stderr forwarder. Like a pipe it
/// is bounded: when the forwarder falls <see cref="Capacity"/> bytes behind, the writer (the stdout reader) waits,
/// which holds the server back as a full stderr pipe would. Once the reading side is disposed, writes are dropped.
/// </summary>
internal sealed class StderrBuffer(int capacity = StderrBuffer.Capacity) : Stream
{
    public const int Capacity = 1024 * 1024;

    private readonly Queue<byte[]> _chunks = new();
    private readonly object _gate = new(); // Monitor.Wait/Pulse: a producer and a consumer that block
    private int _queued;
    private int _offset; // into the first chunk
    private bool _completed;
    private bool _readerGone;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>No more bytes will come: the reader sees the end once it has read what is queued.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
            return;
        var chunk = buffer.ToArray();
        lock (_gate)
        {
            while (_queued > 0 && _queued + chunk.Length > capacity && !_readerGone && !_completed)
                Monitor.Wait(_gate);
            if (_readerGone || _completed)
                return;
            _chunks.Enqueue(chunk);
            _queued += chunk.Length;
            Monitor.PulseAll(_gate);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        lock (_gate)
        {
            while (_chunks.Count == 0 && !_completed && !_readerGone)
                Monitor.Wait(_gate);
            if (_chunks.Count == 0 || _readerGone)
                return 0;

            var read = 0;
            while (read < buffer.Length && _chunks.TryPeek(out var chunk))
            {
                var take = Math.Min(buffer.Length - read, chunk.Length - _offset);
                chunk.AsSpan(_offset, take).CopyTo(buffer[read..]);
                read += take;
                _offset += take;
                if (_offset == chunk.Length)
                {
                    _chunks.Dequeue();
                    _offset = 0;
                }
            }

            _queued -= read;
            Monitor.PulseAll(_gate);
            return read;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _readerGone = true;
                _chunks.Clear();
                _queued = 0;
                Monitor.PulseAll(_gate);
            }
        }

        base.Dispose(disposing);
    }
}
