namespace McpShim.Relay;

/// <summary>
/// Writes frames followed by LF. Small frames are coalesced and written by <see cref="Flush"/>; a frame larger than
/// the batch buffer goes straight to the stream without a copy. Callers hold <see cref="Gate"/> around a run of
/// <see cref="Append"/> calls and the <see cref="Flush"/> that ends it, so frames from the pump and frames mcpshim
/// writes itself (errors) never interleave.
/// </summary>
internal sealed class FrameWriter(Stream stream)
{
    private const int BatchSize = 64 * 1024;
    private static readonly byte[] Newline = "\n"u8.ToArray();

    private readonly byte[] _batch = new byte[BatchSize];
    private int _count;

    public Lock Gate { get; } = new();

    /// <summary>Set once a write failed: the peer is gone and later writes are dropped.</summary>
    public bool IsBroken { get; private set; }

    public void Append(ReadOnlySpan<byte> frame)
    {
        if (IsBroken)
            return;
        try
        {
            if (frame.Length + 1 > _batch.Length - _count)
            {
                FlushBatch();
                if (frame.Length + 1 > _batch.Length)
                {
                    stream.Write(frame);
                    stream.Write(Newline);
                    return;
                }
            }

            frame.CopyTo(_batch.AsSpan(_count));
            _count += frame.Length;
            _batch[_count++] = (byte)'\n';
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            IsBroken = true;
            throw new IOException($"the receiving side is closed ({ex.Message})", ex);
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
            IsBroken = true;
            throw new IOException($"the receiving side is closed ({ex.Message})", ex);
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

    private void FlushBatch()
    {
        if (_count == 0)
            return;
        var count = _count;
        _count = 0;
        stream.Write(_batch, 0, count);
    }
}
