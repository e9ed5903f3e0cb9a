using System.Buffers;
using System.Text.Json;

namespace McpShim.Relay;

/// <summary>
/// Splits a byte stream into newline-delimited frames without decoding it, so a UTF-8 character split across reads
/// survives. Tolerates CRLF and blank lines. A line longer than <see cref="StreamThreshold"/> comes out as pieces
/// (<see cref="FrameKind.Piece"/>, then <see cref="FrameKind.LastPiece"/>), unless <see cref="CanStream"/> holds it
/// whole: then the rest of it is read straight into a <see cref="HeldFrameBuffer"/>, which grows without copies, and
/// it comes out as one frame. A line over <c>maxFrameBytes</c> is dropped as it arrives (memory stays bounded) and
/// reported as <see cref="FrameKind.Oversized"/>. Blocking: each direction of the relay owns a thread.
/// </summary>
internal sealed partial class FrameReader
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly long _maxFrameBytes;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private int _scanned; // [_start, _scanned) holds no '\n'
    private bool _eof;
    private StreamingEnvelopeScanner? _discarding;
    private StreamingEnvelopeScanner? _lineScanner; // the streamed line's envelope, read in the pass that finds its end
    private IZeroCopyRoute? _zeroCopy;
    private bool _zeroCopyAsked;
    private bool _copying; // the route failed once: read and write as usual from then on
    private bool _peeked; // [_start, _end) was peeked: those bytes are also still in the source
    private int _unsettled; // bytes of the last piece handed out that still wait in the source, skipped before the next read
    private bool _streaming; // the current line is being handed out in pieces
    private bool _keepGrown; // the last frame handed out whole needed a grown buffer: keep it for the next one

    public FrameReader(Stream stream, long maxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, 1);
        _stream = stream;
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>
    /// Called just before a read that may block, i.e. when no complete frame is buffered: the pump flushes the frames
    /// it has batched so far, so batching never delays a frame.
    /// </summary>
    public Action? BeforeBlockingRead { get; set; }

    /// <summary>Lines that reach this length before their newline is seen are handed out in pieces. Off by default.</summary>
    public long StreamThreshold { get; init; } = long.MaxValue;

    /// <summary>
    /// Asked once per line that reaches <see cref="StreamThreshold"/>; false keeps that line whole (a tool policy must
    /// see all of a <c>tools/call</c> before any of it is forwarded). Null: every long line streams.
    /// </summary>
    public StreamHeadFilter? CanStream { get; init; }

    /// <summary>
    /// Makes the route by which a streamed line's bytes can go on without passing through mcpshim; asked once, at the
    /// first line that streams, so a session that never sees a big frame never pays for it. With a route, pieces are
    /// peeked (and scanned) but left in the source, and handed out with <see cref="FrameReadResult.InSource"/>. The
    /// caller sends what it forwards of such a piece with <see cref="MoveInSource"/>; the rest is dropped from the
    /// source before the next read. Lines below the streaming threshold are read as usual.
    /// </summary>
    public Func<IZeroCopyRoute?>? ZeroCopyFactory { get; init; }

    /// <summary>The route <see cref="ZeroCopyFactory"/> made, once it was asked; the reader's owner disposes it.</summary>
    public IZeroCopyRoute? ZeroCopy => _zeroCopy;

    /// <summary>
    /// Sends <paramref name="bytes"/>, the start of the in-source piece just handed out, to <paramref name="writer"/>
    /// through <see cref="ZeroCopy"/>; or writes them, when the destination turns out to take no spliced data.
    /// </summary>
    public void MoveInSource(FrameWriter writer, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _unsettled)
            throw new InvalidOperationException("only the piece just handed out can be moved from the source");
        try
        {
            if (!writer.Splice(_zeroCopy!, bytes.Length))
                return; // the destination is gone: the bytes are dropped from the source with the rest
        }
        catch (NotSupportedException)
        {
            _copying = true; // nothing was sent: write this piece, and copy from now on
            writer.Write(bytes);
            Settle(bytes.Length);
            return;
        }

        _unsettled -= bytes.Length;
    }

    /// <summary>
    /// The envelope of the line being streamed (or last streamed): every piece handed out has been fed to it, in the
    /// same pass that searched the piece for the line's end. Null until a line streams.
    /// </summary>
    public StreamingEnvelopeScanner? StreamedLine => _lineScanner;

    /// <summary>
    /// Takes every complete line already buffered as one run of bytes that ends with its last LF, without reading
    /// more: a pump forwards a burst of small frames with one write instead of one copy each. False when no whole line
    /// is buffered, or a long line is being streamed or dropped (then <see cref="TryRead"/> goes on as usual). The
    /// run is raw input: lines may end in CRLF or be blank, and the caller deals with those as TryRead would.
    /// </summary>
    public bool TryTakeRun(out ReadOnlySpan<byte> run)
    {
        run = default;
        ForgetHeldFrame();
        if (_discarding is not null || _streaming || _holding || _unsettled > 0 || _end == _scanned)
            return false;
        var last = _buffer.AsSpan(_scanned, _end - _scanned).LastIndexOf((byte)'\n');
        if (last < 0)
        {
            _scanned = _end;
            return false;
        }

        var end = _scanned + last + 1;
        run = _buffer.AsSpan(_start, end - _start);
        _start = _scanned = end;
        ReleaseHeld(); // ordinary frames again: the last big one's memory goes back
        return true;
    }

    /// <summary>
    /// After <see cref="TryTakeRun"/> found no whole line: reads more (blocking) onto the partial line buffered, so the
    /// next run starts with the frame that straddled the last read instead of that frame going out on its own. False,
    /// reading nothing, when <see cref="TryRead"/> must take over: the stream ended, or the partial line is long
    /// enough to stream, is being dropped, or waits in the source.
    /// </summary>
    public bool TryFillForRun()
    {
        if (_eof || _discarding is not null || _streaming || _holding || _unsettled > 0 || _peeked || _scanned != _end ||
            _end - _start >= Math.Min(StreamThreshold, _maxFrameBytes))
            return false;
        Fill();
        return true;
    }

    /// <summary>Reads the next frame, blocking as needed. Returns false at end of stream.</summary>
    public bool TryRead(out FrameReadResult result)
    {
        Settle(_unsettled);
        ForgetHeldFrame();
        while (true)
        {
            if (_holding)
            {
                if (TryReadHeld(out result))
                    return true;
                continue; // the line went over the limit, or was blank: the buffer may hold what followed it
            }

            if (_discarding is not null)
            {
                if (TryFinishDiscard(out result))
                    return true;
            }
            else
            {
                var unsearched = _buffer.AsSpan(_scanned, _end - _scanned);
                var idx = _streaming ? _lineScanner!.FeedToNewline(unsearched) : unsearched.IndexOf((byte)'\n');
                if (idx >= 0)
                {
                    var newline = _scanned + idx;
                    var lineStart = _start;
                    var line = _buffer.AsSpan(_start, newline - _start);
                    _start = _scanned = newline + 1;
                    if (line.Length > 0 && line[^1] == (byte)'\r')
                    {
                        line = line[..^1];
                        if (_streaming)
                            _lineScanner!.ExcludeTrailing(1);
                    }

                    if (_streaming)
                    {
                        _streaming = false;
                        var inSource = _peeked;
                        if (_peeked)
                        {
                            // The line and its LF wait in the source; what follows is read again from there.
                            _peeked = false;
                            _unsettled = newline + 1 - lineStart;
                            _end = _start;
                        }

                        result = new FrameReadResult(FrameKind.LastPiece, line, line.Length, null, inSource);
                        return true;
                    }

                    if (line.Length > _maxFrameBytes)
                    {
                        var scanner = new StreamingEnvelopeScanner();
                        scanner.Feed(line);
                        result = new FrameReadResult(FrameKind.Oversized, default, line.Length, scanner.Envelope);
                        return true;
                    }

                    if (IsBlank(line))
                        continue;
                    _keepGrown = line.Length > 4 * InitialBufferSize;
                    ReleaseHeld(); // ordinary frames again: the last big one's memory goes back
                    result = new FrameReadResult(FrameKind.Frame, line, line.Length, null);
                    return true;
                }

                _scanned = _end;
                if (!_streaming && _end - _start >= StreamThreshold && !MayStream())
                {
                    if (_end - _start <= _maxFrameBytes)
                    {
                        StartHolding();
                        continue;
                    }

                    // Already over the limit: dropped below.
                }
                else if (_end > _start && (_streaming || _end - _start >= StreamThreshold))
                {
                    if (!_streaming)
                    {
                        _streaming = true;
                        _lineScanner = new StreamingEnvelopeScanner();
                        _lineScanner.Feed(_buffer.AsSpan(_start, _end - _start)); // searched with IndexOf so far
                    }

                    var piece = _buffer.AsSpan(_start, _end - _start);
                    _start = _scanned = _end;
                    var inSource = _peeked;
                    if (_peeked)
                    {
                        _peeked = false;
                        _unsettled = piece.Length;
                    }

                    result = new FrameReadResult(FrameKind.Piece, piece, piece.Length, null, inSource);
                    return true;
                }

                if (_end - _start > _maxFrameBytes)
                {
                    _discarding = new StreamingEnvelopeScanner();
                    _discarding.Feed(_buffer.AsSpan(_start, _end - _start));
                    ResetBuffer();
                }
            }

            if (_eof)
                return TryReadTail(out result);
            Fill();
        }
    }

    private bool TryFinishDiscard(out FrameReadResult result)
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        var idx = pending.IndexOf((byte)'\n');
        if (idx < 0)
        {
            _discarding!.Feed(pending);
            ResetBuffer();
            result = default;
            return false;
        }

        _discarding!.Feed(pending[..idx]);
        _start = _scanned = _start + idx + 1;
        var scanner = _discarding;
        _discarding = null;
        result = new FrameReadResult(FrameKind.Oversized, default, scanner.Length, scanner.Envelope);
        return true;
    }

    private bool TryReadTail(out FrameReadResult result)
    {
        if (_discarding is not null)
        {
            var scanner = _discarding;
            _discarding = null;
            result = new FrameReadResult(FrameKind.Oversized, default, scanner.Length, scanner.Envelope);
            return true;
        }

        var tail = _buffer.AsSpan(_start, _end - _start).TrimEnd("\r\n \t"u8);
        var trimmed = _end - _start - tail.Length;
        ResetBuffer();
        if (_streaming)
        {
            _lineScanner!.ExcludeTrailing(trimmed);
            // The stream ended in the middle of a streamed line: what was handed out is all there is.
            _streaming = false;
            result = new FrameReadResult(FrameKind.TruncatedTail, tail, tail.Length, null);
            return true;
        }

        if (IsBlank(tail))
        {
            result = default;
            return false;
        }

        // A last frame without its newline is still whole if it parses; a cut-off one is dropped, not forwarded.
        var kind = IsCompleteJson(tail) ? FrameKind.Frame : FrameKind.TruncatedTail;
        result = new FrameReadResult(kind, tail, tail.Length, null);
        return true;
    }

    private void Fill()
    {
        // A buffer grown for a frame held whole is kept while such frames follow one another (a client sending big
        // requests back to back, each judged whole): growing it again each time would copy each frame twice over.
        if (_start == _end && _buffer.Length > 4 * InitialBufferSize && !_keepGrown)
            ResetBuffer();
        _keepGrown = false;

        if (_streaming && _start == _end && !_copying && HasZeroCopy() && TryPeek())
            return;

        if (_start > 0 && (_start == _end || _buffer.Length - _end < _buffer.Length / 4))
        {
            // Compact: move the partial frame to the front, so the read that follows has room for more than a sliver.
            var pending = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _scanned -= _start;
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            // Grown buffers come from the pool: a frame held whole (a tools/call under a policy) then reuses them
            // instead of leaving ~2x its size of large-object garbage behind each time.
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            Buffer.BlockCopy(_buffer, 0, grown, 0, _end);
            GiveBack(_buffer);
            _buffer = grown;
        }

        BeforeBlockingRead?.Invoke();
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
            _eof = true;
        else
            _end += n;
    }

    private bool HasZeroCopy()
    {
        if (_zeroCopy is not null)
            return true;
        if (ZeroCopyFactory is not { } factory || _zeroCopyAsked)
            return false;
        _zeroCopyAsked = true;
        _zeroCopy = factory();
        return _zeroCopy is not null;
    }

    /// <summary>Fills the empty buffer from the source without taking the bytes out of it; false: read as usual.</summary>
    private bool TryPeek()
    {
        BeforeBlockingRead?.Invoke();
        _start = _end = _scanned = 0;
        int n;
        try
        {
            n = _zeroCopy!.Peek(_buffer);
        }
        catch (NotSupportedException)
        {
            _copying = true;
            return false;
        }

        if (n == 0)
        {
            _eof = true;
        }
        else
        {
            _end = n;
            _peeked = true;
        }

        return true;
    }

    /// <summary>Drops <paramref name="count"/> bytes from the source: the unsent rest of a piece handed out in place.</summary>
    private void Settle(int count)
    {
        if (count <= 0)
            return;
        _unsettled -= count;
        _zeroCopy!.Skip(count);
    }

    /// <summary>Whether the long line now buffered may be handed out in pieces; asked once per line.</summary>
    private bool MayStream() => CanStream is null || CanStream(_buffer.AsSpan(_start, _end - _start));

    private void ResetBuffer()
    {
        _start = _end = _scanned = 0;
        if (_buffer.Length > 4 * InitialBufferSize)
        {
            GiveBack(_buffer); // give a huge frame's buffer back
            _buffer = new byte[InitialBufferSize];
        }
    }

    private static void GiveBack(byte[] buffer)
    {
        if (buffer.Length > InitialBufferSize)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    internal static bool IsBlank(ReadOnlySpan<byte> line) =>
        line.IsEmpty || (line[0] is (byte)' ' or (byte)'\t' or (byte)'\r' && line.IndexOfAnyExcept(" \t\r"u8) < 0);

    private static bool IsCompleteJson(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, isFinalBlock: true, state: default);
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
