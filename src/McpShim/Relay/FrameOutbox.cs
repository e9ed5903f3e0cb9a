using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Relay;

/// <summary>
/// Frames mcpshim itself sends to one peer: policy errors, its own requests, held tool calls released later.
/// <list type="bullet">
/// <item>On the pump thread that already writes to this peer, a frame is written at once, in stream order.</item>
/// <item>From any other thread it is queued and written, in order, by a pool thread. A pump therefore never waits on
/// the other direction's gate: a peer blocked writing to us while we wait to write to it would stall both.</item>
/// <item>The queue is bounded (<see cref="Capacity"/>): past it the sender waits, as a pump waits on a full pipe.</item>
/// </list>
/// Frames of the pumps and of the outbox never interleave: both write whole frames under the writer's gate.
/// </summary>
internal sealed class FrameOutbox(FrameWriter writer, ILogger logger)
{
    private const int Capacity = 1024;

    private readonly Queue<byte[]> _queue = new();
    private readonly object _gate = new(); // Monitor: senders wait on it when the queue is full
    private bool _draining;

    public void Send(byte[] frame)
    {
        if (Environment.CurrentManagedThreadId == writer.OwnerThreadId)
        {
            Write(frame);
            return;
        }

        lock (_gate)
        {
            while (_queue.Count >= Capacity && !writer.IsBroken)
                Monitor.Wait(_gate);
            _queue.Enqueue(frame);
            if (_draining)
                return;
            _draining = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static outbox => outbox.Drain(), this, preferLocal: false);
    }

    /// <summary>Waits until every queued frame was written (or the peer is gone); false on timeout.</summary>
    public bool WaitUntilEmpty(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_draining)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    return false;
                Monitor.Wait(_gate, left);
            }
        }

        return true;
    }

    private void Drain()
    {
        while (true)
        {
            byte[] frame;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out frame!))
                {
                    _draining = false;
                    Monitor.PulseAll(_gate);
                    return;
                }

                Monitor.PulseAll(_gate);
            }

            Write(frame);
        }
    }

    private void Write(byte[] frame)
    {
        try
        {
            writer.WriteFrame(frame);
        }
        catch (IOException ex)
        {
            // That side is gone; the session ends on its own.
            Log.OwnFrameNotDelivered(logger, frame.Length, ex.Message);
        }
    }
}
