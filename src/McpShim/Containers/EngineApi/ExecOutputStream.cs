using System.Buffers.Binary;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// The server's stdout out of a hijacked exec stream without a TTY, which the engine multiplexes: each payload comes
/// after an 8-byte header [stream (1 stdout, 2 stderr), 0, 0, 0, length as big-endian uint32]. Reads block on the
/// socket and demultiplex in place, in the caller's buffer: while a stdout payload is under way its bytes are read
/// straight into the buffer; after a header the bytes that follow it in the same read are moved down over it. Stderr
/// payloads go to <paramref name="stderr"/>. On the hot path there is no extra thread and no extra buffer.
/// </summary>
/// <param name="source">The connection after the HTTP upgrade.</param>
/// <param name="buffered">Bytes read past the HTTP response head, which come first.</param>
/// <param name="ended">Called once, when the stream ends (cleanly or not).</param>
internal sealed class ExecOutputStream(Stream source, ReadOnlyMemory<byte> buffered, StderrBuffer stderr, Action? ended = null) : Stream
{
    private const int HeaderSize = 8;

    private readonly byte[] _header = new byte[HeaderSize];
    private ReadOnlyMemory<byte> _buffered = buffered;
    private int _headerFill;
    private long _stdoutRemaining;
    private long _stderrRemaining;
    private int _ended;

    /// <summary>Whether the stream ended inside a header or a payload (the engine or connection went away mid-frame).</summary>
    public bool EndedMidFrame { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        try
        {
            return ReadDemultiplexed(buffer);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            End(); // the connection broke: the exec is over for us
            throw;
        }
    }

    private int ReadDemultiplexed(Span<byte> buffer)
    {
        while (_ended == 0)
        {
            if (_stdoutRemaining > 0)
            {
                // Inside a stdout payload: read it straight into the caller's buffer, never past its end.
                var n = ReadSource(buffer[..(int)Math.Min(buffer.Length, _stdoutRemaining)]);
                if (n == 0)
                    break;
                _stdoutRemaining -= n;
                return n;
            }

            var filled = ReadSource(buffer);
            if (filled == 0)
                break;
            var produced = Demultiplex(buffer[..filled]);
            if (produced > 0)
                return produced;
        }

        End();
        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            End();
        base.Dispose(disposing);
    }

    /// <summary>
    /// Walks the bytes just read: headers are taken out (a partial one kept for the next read), stdout payload bytes
    /// are moved down to the front, stderr payload bytes are handed on. Returns how many stdout bytes are now at the front.
    /// </summary>
    private int Demultiplex(Span<byte> data)
    {
        var read = 0;
        var written = 0;
        while (read < data.Length)
        {
            var left = data.Length - read;
            if (_stdoutRemaining > 0)
            {
                var take = (int)Math.Min(left, _stdoutRemaining);
                if (written != read)
                    data.Slice(read, take).CopyTo(data[written..]); // overlapping move down: CopyTo handles it
                written += take;
                read += take;
                _stdoutRemaining -= take;
            }
            else if (_stderrRemaining > 0)
            {
                var take = (int)Math.Min(left, _stderrRemaining);
                stderr.Write(data.Slice(read, take));
                read += take;
                _stderrRemaining -= take;
            }
            else
            {
                var take = Math.Min(left, HeaderSize - _headerFill);
                data.Slice(read, take).CopyTo(_header.AsSpan(_headerFill));
                _headerFill += take;
                read += take;
                if (_headerFill == HeaderSize)
                {
                    _headerFill = 0;
                    StartPayload();
                }
            }
        }

        return written;
    }

    private void StartPayload()
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        switch (_header[0])
        {
            case 0 or 1:
                _stdoutRemaining = length;
                break;
            case 2 or 3: // 3 is the engine's own error stream ("systemerr"): it belongs with stderr
                _stderrRemaining = length;
                break;
            default:
                throw new IOException($"the engine's exec stream is not multiplexed as expected (stream byte {_header[0]}); is a TTY attached?");
        }
    }

    private int ReadSource(Span<byte> buffer)
    {
        if (!_buffered.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _buffered.Length);
            _buffered.Span[..n].CopyTo(buffer);
            _buffered = _buffered[n..];
            return n;
        }

        return source.Read(buffer);
    }

    private void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return;
        EndedMidFrame = _headerFill > 0 || _stdoutRemaining > 0 || _stderrRemaining > 0;
        stderr.Complete();
        ended?.Invoke();
    }
}
