namespace McpShim.Relay;

/// <summary>
/// Writes frames followed by LF. Small frames are coalesced and written by <see cref="Flush"/>; anything larger than
/// the batch buffer goes straight to the stream without a copy. Callers hold <see cref="Gate"/> around a run of
/// writes and the <see cref="Flush"/> that ends it, so frames from the pump and frames mcpshim writes itself (errors)
/// never interleave. <see cref="Lock"/> is re-entrant, so a pump may hold it across the pieces of a streamed frame.
/// </summary>
internal sealed class FrameWriter(Stream stream)
{
    private const int BatchSize = 64 * 1024;

    private readonly byte[] _batch = new byte[BatchSize];
    private int _count;

    public Lock Gate { get; } = new();

    /// <summary>The pump thread that forwards into this writer (0 before it starts); see <see cref="FrameOutbox"/>.</summary>
    public int OwnerThreadId { get; set; }

    /// <summary>Set once a write failed: the peer is gone and later writes are dropped.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>Writes a whole frame and its LF (batched until <see cref="Flush"/>).</summary>
    public void Append(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < _batch.Length - _count && !IsBroken)
        {
            // The common case, a small frame into the batch: one copy and its LF.
            frame.CopyTo(_batch.AsSpan(_count));
            _batch[_count + frame.Length] = (byte)'\n';
            _count += frame.Length + 1;
            return;
        }

        Write(frame);
        Write("\n"u8);
    }

    /// <summary>
    /// Writes whole frames with their LFs exactly as they came in, after what is batched: a small run joins the batch,
    /// a large one goes to the stream without a copy.
    /// </summary>
    public void WriteLines(ReadOnlySpan<byte> lines)
    {
        if (lines.Length < _batch.Length / 4)
        {
            Write(lines);
            return;
        }

        if (IsBroken)
            return;
        try
        {
            FlushBatch();
            stream.Write(lines);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw Broken(ex);
        }
    }

    /// <summary>Writes raw bytes: a piece of a streamed frame, or its final LF.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (IsBroken)
            return;
        try
        {
            if (bytes.Length <= _batch.Length - _count)
            {
                bytes.CopyTo(_batch.AsSpan(_count));
                _count += bytes.Length;
                return;
            }

            FlushBatch();
            if (bytes.Length <= _batch.Length / 2)
            {
                bytes.CopyTo(_batch);
                _count = bytes.Length;
            }
            else
            {
                stream.Write(bytes);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw Broken(ex);
        }
    }

    /// <summary>
    /// Sends <paramref name="count"/> bytes waiting in <paramref name="route"/>'s source on to this writer's stream,
    /// after the frames batched so far. False when the receiving side is already gone (nothing sent). Throws
    /// <see cref="NotSupportedException"/>, with nothing sent, when the stream takes no spliced data.
    /// </summary>
    public bool Splice(IZeroCopyRoute route, int count)
    {
        if (IsBroken)
            return false;
        try
        {
            FlushBatch();
            route.Move(count);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw Broken(ex);
        }
    }

    public void Flush()
    {
        if (IsBroken)
            return;
        try
        {
            FlushBatch();
            stream.Flush();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw Broken(ex);
        }
    }

    /// <summary>Writes one whole frame and flushes, under the gate. For frames mcpshim makes itself.</summary>
    public void WriteFrame(ReadOnlySpan<byte> frame)
    {
        lock (Gate)
        {
            Append(frame);
            Flush();
        }
    }

    private IOException Broken(Exception ex)
    {
        IsBroken = true;
        return new IOException($"the receiving side is closed ({ex.Message})", ex);
    }

    private void FlushBatch()
    {
        if (_count == 0)
            return;
        var count = _count;
        _count = 0;
        stream.Write(_batch, 0, count);
    }
}
