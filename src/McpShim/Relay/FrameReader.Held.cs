using System.Buffers;

namespace McpShim.Relay;

/// <summary>
/// Lines held whole (<see cref="FrameReader.CanStream"/> said no): from the streaming threshold on, the rest of such a
/// line is read straight into a <see cref="HeldFrameBuffer"/>, and the line comes out as one frame, judged before a
/// byte of it goes on (issue 13).
/// </summary>
internal sealed partial class FrameReader
{
    private HeldFrameBuffer? _held; // made at the first line held whole
    private HeldFrameBuffer? _spare; // one given back after its frame was written elsewhere (see DetachHeld)
    private bool _holding; // the current line collects in _held (the buffer is then empty)
    private bool _heldOut; // the frame last handed out lies in _held: emptied at the next read

    /// <summary>The long line buffered is to be held whole: it moves to <see cref="_held"/>, and the rest of it is read there.</summary>
    private void StartHolding()
    {
        _held ??= new HeldFrameBuffer(_maxFrameBytes);
        _held.Clear();
        _held.Append(_buffer.AsSpan(_start, _end - _start));
        ResetBuffer();
        _holding = true;
    }

    /// <summary>
    /// Reads the line held whole up to its LF, straight into <see cref="_held"/>, and hands it out as one frame. False
    /// when it hands out nothing (the line went over the limit and is now dropped as it arrives, or was blank, or the
    /// stream ended on whitespace): <see cref="TryRead"/> goes on with the buffer.
    /// </summary>
    private bool TryReadHeld(out FrameReadResult result)
    {
        var held = _held!;
        result = default;
        while (true)
        {
            if (held.Length > _maxFrameBytes || held.IsFull)
            {
                // Over the limit before its end: dropped as it arrives, like any such line. Nothing of it went out.
                _holding = false;
                _discarding = new StreamingEnvelopeScanner();
                _discarding.Feed(held.Written);
                held.Release();
                return false;
            }

            if (_eof)
            {
                _holding = false;
                _heldOut = true;
                var tail = held.Written.TrimEnd("\r\n \t"u8);
                if (IsBlank(tail))
                    return false;
                // A last frame without its newline is still whole if it parses; a cut-off one is dropped, not forwarded.
                var whole = IsCompleteJson(tail);
                result = new FrameReadResult(whole ? FrameKind.Frame : FrameKind.TruncatedTail, tail, tail.Length, null, held: whole);
                return true;
            }

            BeforeBlockingRead?.Invoke();
            var space = held.GetSpace(HeldFrameBuffer.ReadChunk);
            var n = _stream.Read(space);
            if (n == 0)
            {
                _eof = true;
                continue;
            }

            var newline = space[..n].IndexOf((byte)'\n');
            held.Advance(n);
            if (newline < 0)
                continue;

            // The frame ends here. What the read took along after its LF (the next frames) goes back to the buffer.
            var end = held.Length - n + newline;
            var after = held.Written[(end + 1)..];
            if (after.Length > _buffer.Length)
            {
                GiveBack(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(after.Length);
            }

            after.CopyTo(_buffer);
            _start = _scanned = 0;
            _end = after.Length;
            _holding = false;
            _heldOut = true;
            var line = held.Written[..end];
            if (line.Length > 0 && line[^1] == (byte)'\r')
                line = line[..^1];
            if (line.Length > _maxFrameBytes)
            {
                var scanner = new StreamingEnvelopeScanner();
                scanner.Feed(line);
                held.Release();
                _heldOut = false;
                result = new FrameReadResult(FrameKind.Oversized, default, line.Length, scanner.Envelope);
                return true;
            }

            if (IsBlank(line))
                return false;
            result = new FrameReadResult(FrameKind.Frame, line, line.Length, null, held: true);
            return true;
        }
    }

    /// <summary>The frame handed out from <see cref="_held"/> was dealt with: empty it, keeping its pages for the next.</summary>
    private void ForgetHeldFrame()
    {
        if (!_heldOut)
            return;
        _heldOut = false;
        _held!.Clear();
    }

    private void ReleaseHeld()
    {
        if (_held is { HeldBytes: > 0 })
            _held.Release();
        if (_spare is { HeldBytes: > 0 })
            _spare.Release();
    }

    /// <summary>
    /// Takes the buffer of the frame just handed out (a <see cref="FrameReadResult.Held"/> one, which starts it): its
    /// bytes stay put while the caller writes them on another thread, and the reader holds the next big frame in
    /// another buffer. Give it back with <see cref="ReturnHeld"/> once written.
    /// </summary>
    public HeldFrameBuffer DetachHeld()
    {
        if (!_heldOut)
            throw new InvalidOperationException("only the held frame just handed out can be taken");
        _heldOut = false;
        var taken = _held!;
        (_held, _spare) = (_spare, null);
        return taken;
    }

    /// <summary>
    /// Whether bytes that came after the frame just handed out are buffered already: the sender is writing on, so the
    /// next frame is coming now (a pump then overlaps writing this one with reading that one).
    /// </summary>
    public bool HasBufferedInput => _end > _start;

    /// <summary>A buffer taken with <see cref="DetachHeld"/>, written: kept for the next big frame.</summary>
    public void ReturnHeld(HeldFrameBuffer buffer)
    {
        buffer.Clear();
        if (_held is null)
            _held = buffer;
        else if (_spare is null)
            _spare = buffer;
        else
            buffer.Dispose();
    }

    /// <summary>The memory big frames held whole keep, until ordinary frames follow them (for the specs).</summary>
    internal long HeldBytes => (_held?.HeldBytes ?? 0) + (_spare?.HeldBytes ?? 0);

    /// <summary>Gives back the memory of frames held whole, when the reader is done (its finalizer would, later).</summary>
    public void GiveBackMemory()
    {
        _held?.Dispose();
        _spare?.Dispose();
    }
}
