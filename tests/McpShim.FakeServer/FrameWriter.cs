using System.Buffers;

namespace McpShim.FakeServer;

/// <summary>
/// Writes whole frames to stdout under one lock, so concurrent handlers never interleave. The read loop queues its
/// answers and flushes them before it blocks on stdin: a burst of pipelined requests gets its answers in a few
/// large writes, and a lone request still gets its answer at once.
/// </summary>
internal sealed class FrameWriter(Stream output)
{
    private const int FlushAt = 64 * 1024;
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _queued = new(FlushAt);

    /// <summary>Queues a frame (compact JSON followed by "\n") until <see cref="Flush"/>.</summary>
    public void Enqueue(ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            _queued.Write(frame);
            if (_queued.WrittenCount >= FlushAt)
                WriteQueued();
        }
    }

    public void Flush()
    {
        lock (_gate)
            WriteQueued();
    }

    /// <summary>Writes a frame now, after anything queued.</summary>
    public void Write(ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            WriteQueued();
            output.Write(frame);
            output.Flush();
        }
    }

    /// <summary>One frame given in three parts, so a large middle part is not copied into another buffer first.</summary>
    public void Write(ReadOnlySpan<byte> head, ReadOnlySpan<byte> body, ReadOnlySpan<byte> tail)
    {
        lock (_gate)
        {
            WriteQueued();
            output.Write(head);
            output.Write(body);
            output.Write(tail);
            output.Flush();
        }
    }

    private void WriteQueued()
    {
        if (_queued.WrittenCount == 0)
            return;
        output.Write(_queued.WrittenSpan);
        output.Flush();
        _queued.ResetWrittenCount();
    }
}
