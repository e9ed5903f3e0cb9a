namespace McpShim.Relay;

/// <summary>
/// Writes a big frame held whole on a thread of its own, so that the pump reads and judges the next frame meanwhile.
/// Holding a frame whole puts its two hops (in from the sender, out to the receiver) one after the other; frames sent
/// back to back still overlap this way. At most one frame is in flight, and the pump waits for it
/// (<see cref="Wait"/>) before it writes anything else to that peer, so the order on the wire is the order read.
/// The write takes the writer's gate, as any other, so mcpshim's own frames never land inside it.
/// </summary>
internal sealed class HeldFrameSender(FrameWriter writer, string name)
{
    private readonly object _lock = new(); // Monitor: the pump waits on it for the frame in flight
    private HeldFrameBuffer? _sending;
    private int _length;
    private HeldFrameBuffer? _sent; // written (or failed), waiting for the pump to take it back
    private IOException? _failure;
    private Thread? _thread;
    private bool _stopping;

    /// <summary>Whether a frame is being written now: nothing is batched behind it, and it flushes when done.</summary>
    public bool InFlight
    {
        get
        {
            lock (_lock)
                return _sending is not null;
        }
    }

    /// <summary>Starts writing the first <paramref name="length"/> bytes of <paramref name="buffer"/> and their LF.</summary>
    public void Send(HeldFrameBuffer buffer, int length)
    {
        lock (_lock)
        {
            if (_sending is not null || _sent is not null)
                throw new InvalidOperationException("wait for the frame in flight before sending another");
            (_sending, _length) = (buffer, length);
            Monitor.PulseAll(_lock);
        }

        if (_thread is null)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = name };
            _thread.Start();
        }
    }

    /// <summary>
    /// Waits until the frame in flight is written and returns its buffer (null when none was sent). Throws the write's
    /// <see cref="IOException"/> if it failed; the buffer is then dropped.
    /// </summary>
    public HeldFrameBuffer? Wait()
    {
        lock (_lock)
        {
            while (_sending is not null)
                Monitor.Wait(_lock);
            var (sent, failure) = (_sent, _failure);
            (_sent, _failure) = (null, null);
            if (failure is null)
                return sent;
            sent?.Release();
            throw new IOException(failure.Message, failure);
        }
    }

    /// <summary>Ends the thread once the frame in flight, if any, is written.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }
    }

    private void Run()
    {
        while (true)
        {
            HeldFrameBuffer buffer;
            int length;
            lock (_lock)
            {
                while (_sending is null && !_stopping)
                    Monitor.Wait(_lock);
                if (_sending is null)
                    return;
                (buffer, length) = (_sending, _length);
            }

            IOException? failure = null;
            try
            {
                lock (writer.Gate)
                {
                    writer.Append(buffer.Written[..length]);
                    writer.Flush();
                }
            }
            catch (IOException ex)
            {
                failure = ex; // the writer is broken now: the pump ends at its next write or wait
            }

            lock (_lock)
            {
                (_sent, _failure, _sending) = (buffer, failure, null);
                Monitor.PulseAll(_lock);
            }
        }
    }
}
