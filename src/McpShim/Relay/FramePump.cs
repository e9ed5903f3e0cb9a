using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Relay;

/// <summary>
/// Moves frames one way on a thread of its own: read a frame, let the session look at its envelope, forward the
/// original bytes (or, when a tool policy says so, drop the frame or send another in its place). Frames read together are written together and flushed before the next read that could block.
/// A frame longer than <see cref="StreamThreshold"/> is forwarded piece by piece as it arrives; its envelope is read
/// on the way and reported before its final LF, which is when the receiver can act on it.
/// </summary>
internal sealed class FramePump
{
    /// <summary>Frames up to this size are held whole before forwarding; longer ones are streamed.</summary>
    public const int StreamThreshold = 256 * 1024;

    private readonly Stream _source;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly Direction _direction;
    private readonly long _maxFrameBytes;
    private readonly IFrameObserver _observer;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<PumpEnd> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StreamingEnvelopeScanner? _streamed; // the frame being streamed, if any; its writer gate is held
    private bool _holdingBatchGate; // see HoldGateAcrossBatch
    private HeldFrameSender? _sender; // writes big frames held whole while the next is read; made at the first

    /// <param name="zeroCopy">Makes the route by which streamed frames may go on without passing through mcpshim, at the first one (see <see cref="FrameReader.ZeroCopyFactory"/>); the route is disposed when the pump ends.</param>
    public FramePump(Stream source, FrameWriter writer, Direction direction, long maxFrameBytes, IFrameObserver observer, ILogger logger, Func<IZeroCopyRoute?>? zeroCopy = null)
    {
        _source = source;
        _reader = new FrameReader(source, maxFrameBytes)
        {
            BeforeBlockingRead = FlushWriter,
            StreamThreshold = StreamThreshold,
            CanStream = observer.StreamFilter(direction),
            ZeroCopyFactory = zeroCopy,
        };
        _writer = writer;
        _direction = direction;
        _maxFrameBytes = maxFrameBytes;
        _observer = observer;
        _logger = logger;
    }

    /// <summary>
    /// Take the writer's gate once for all the frames read in one go, rather than once per frame, and let it go before
    /// a read that may block. Only for an observer that never writes to a peer from <see cref="IFrameObserver.OnFrame"/>
    /// (no tool policy): it then runs under this writer's gate, and a writer taken there could deadlock the pumps.
    /// </summary>
    public bool HoldGateAcrossBatch { get; init; }

    /// <summary>Completes when the source ends or the destination breaks.</summary>
    public Task<PumpEnd> Completion => _done.Task;

    public void Start() =>
        new Thread(Run) { IsBackground = true, Name = _direction.ToString() }.Start();

    private void Run()
    {
        var end = PumpEnd.SourceClosed;
        _writer.OwnerThreadId = Environment.CurrentManagedThreadId;
        try
        {
            while (true)
            {
                if (HoldGateAcrossBatch)
                {
                    if (_reader.TryTakeRun(out var run))
                    {
                        ForwardRun(run);
                        continue;
                    }

                    if (_reader.TryFillForRun())
                        continue;
                }

                if (!_reader.TryRead(out var item))
                    break;
                // Anything but a whole frame (a streamed piece, an oversized frame) starts with the batch's gate let
                // go: answering an oversized frame writes to the other peer.
                if (item.Kind != FrameKind.Frame || item.Held)
                    ReleaseBatchGate();
                switch (item.Kind)
                {
                    case FrameKind.Frame when item.Held:
                        ForwardHeld(item.Bytes);
                        break;
                    case FrameKind.Frame when HoldGateAcrossBatch:
                        AwaitHeldFrame();
                        EnterBatchGate();
                        if (_observer.OnFrame(_direction, item.Bytes).IsForward)
                            _writer.Append(item.Bytes);
                        break;
                    case FrameKind.Frame:
                        var verdict = _observer.OnFrame(_direction, item.Bytes);
                        AwaitHeldFrame();
                        if (verdict.IsForward)
                        {
                            lock (_writer.Gate)
                                _writer.Append(item.Bytes);
                        }
                        else if (verdict.Replacement is { } replacement)
                        {
                            lock (_writer.Gate)
                                _writer.Append(replacement);
                        }

                        break;
                    case FrameKind.Piece:
                        ForwardPiece(item.Bytes, item.InSource);
                        break;
                    case FrameKind.LastPiece:
                        ForwardPiece(item.Bytes, item.InSource);
                        FinishStreamedFrame();
                        break;
                    case FrameKind.TruncatedTail when _streamed is not null:
                        Log.TruncatedTailDropped(_logger, _direction, item.Length);
                        ForwardPiece(item.Bytes, inSource: false);
                        FinishStreamedFrame();
                        break;
                    case FrameKind.Oversized:
                        _observer.OnOversized(_direction, item.Length, item.Envelope!);
                        break;
                    case FrameKind.TruncatedTail:
                        Log.TruncatedTailDropped(_logger, _direction, item.Length);
                        break;
                }
            }

            AwaitHeldFrame();
            FlushWriter();
        }
        catch (IOException ex) when (_writer.IsBroken)
        {
            Log.DestinationClosed(_logger, _direction, ex.Message);
            end = PumpEnd.DestinationBroken;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The session already ended and closed the child's pipes, or the source failed.
            Log.SourceFailed(_logger, _direction, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An exception escaping a thread ends the process: no session.end line, the server left to its own devices.
            Log.PumpFailed(_logger, _direction, ex);
            end = PumpEnd.Failed;
        }
        finally
        {
            try
            {
                if (_streamed is not null)
                    _writer.Gate.Exit();
                ReleaseBatchGate();
                StopSender();
                _reader.ZeroCopy?.Dispose();
                _reader.GiveBackMemory();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.PumpFailed(_logger, _direction, ex);
                end = PumpEnd.Failed;
            }

            _done.TrySetResult(end);
        }
    }

    /// <summary>
    /// The whole lines read in one go, without a policy: each frame is shown to the session, and the run is written as
    /// it came in, with one write. A line the reader would change (CRLF, blank) or drop (over the limit) ends that:
    /// what came before it goes out as one run, the rest frame by frame.
    /// </summary>
    private void ForwardRun(ReadOnlySpan<byte> run)
    {
        AwaitHeldFrame();
        var rest = run;
        var verbatim = 0; // run[..verbatim] holds frames seen and forwardable as they are
        var open = true; // the observer's run: until it ends, lines are only seen and counted into run[..verbatim]
        _observer.RunStarting(_direction);
        try
        {
            while (!rest.IsEmpty)
            {
                var newline = rest.IndexOf((byte)'\n');
                var line = rest[..newline];
                rest = rest[(newline + 1)..];
                if (open && line.Length > 0 && line[^1] != (byte)'\r' && line[0] is not ((byte)' ' or (byte)'\t') && line.Length <= _maxFrameBytes)
                {
                    EnterBatchGate();
                    if (_observer.OnFrame(_direction, line).IsForward)
                    {
                        verbatim += line.Length + 1;
                        continue;
                    }

                    // A refused frame (no policy drops nothing else): what came before it goes out as it came.
                    EndRun(run[..verbatim], ref open);
                    continue;
                }

                if (open)
                    EndRun(run[..verbatim], ref open);
                if (line.Length > 0 && line[^1] == (byte)'\r')
                    line = line[..^1];
                if (FrameReader.IsBlank(line))
                    continue;
                if (line.Length > _maxFrameBytes)
                {
                    ReleaseBatchGate(); // answering an oversized frame writes to the other peer
                    var scanner = new StreamingEnvelopeScanner();
                    scanner.Feed(line);
                    _observer.OnOversized(_direction, line.Length, scanner.Envelope);
                    continue;
                }

                EnterBatchGate();
                if (_observer.OnFrame(_direction, line).IsForward)
                    _writer.Append(line);
            }

            if (open)
                EndRun(run[..verbatim], ref open);
        }
        finally
        {
            if (open)
                _observer.RunEnded(_direction);
        }
    }

    /// <summary>Ends the observer's run, before the first byte of it is written, then writes what it saw as it came.</summary>
    private void EndRun(ReadOnlySpan<byte> seen, ref bool open)
    {
        open = false;
        _observer.RunEnded(_direction);
        if (!seen.IsEmpty)
            _writer.WriteLines(seen);
    }

    private void EnterBatchGate()
    {
        if (_holdingBatchGate)
            return;
        _writer.Gate.Enter();
        _holdingBatchGate = true;
    }

    private void ForwardPiece(ReadOnlySpan<byte> piece, bool inSource)
    {
        if (_streamed is null)
        {
            AwaitHeldFrame();
            // Hold the gate for the whole frame: nothing else may be written into the middle of it.
            _writer.Gate.Enter();
            _streamed = _reader.StreamedLine!;
        }

        // The reader fed the piece to the scanner as it searched it for the line's end.
        var before = _streamed.Length - piece.Length;
        if (_streamed.Length <= _maxFrameBytes)
            Send(piece, inSource);
        else if (before <= _maxFrameBytes)
            Send(piece[..(int)(_maxFrameBytes - before)], inSource);
    }

    /// <summary>A piece read as usual is written; one peeked in place is moved from the source (the rest is dropped there).</summary>
    private void Send(ReadOnlySpan<byte> bytes, bool inSource)
    {
        if (inSource)
            _reader.MoveInSource(_writer, bytes);
        else
            _writer.Write(bytes);
    }

    private void FinishStreamedFrame()
    {
        var scanner = _streamed!;
        var cutOff = scanner.Length > _maxFrameBytes;
        try
        {
            // The envelope goes to the session before the final LF: until then the receiver cannot act on the frame.
            // A cut-off frame's start already went out. Its line ends with a byte no JSON may hold outside a string
            // (nor raw inside one), so a line reader cannot parse the part sent, however the cut fell (issue 13).
            if (cutOff)
                _writer.Write("\u0001"u8);
            else
                _observer.OnStreamedFrame(_direction, scanner.ToFrameInfo(), scanner.Length);
            _writer.Write("\n"u8);
            _writer.Flush();
        }
        finally
        {
            _streamed = null;
            _writer.Gate.Exit();
        }

        if (cutOff)
        {
            // Outside the gate: answering may write to the other direction, whose pump may be waiting on this gate.
            Log.StreamedFrameCutOff(_logger, _direction, scanner.Length, _maxFrameBytes);
            _observer.OnOversized(_direction, scanner.Length, scanner.Envelope);
        }
    }

    private void FlushWriter()
    {
        // A big frame in flight flushes when written, and nothing is batched behind it: waiting here would stop the
        // next frame from being read meanwhile.
        if (_sender is not { InFlight: true })
        {
            lock (_writer.Gate)
                _writer.Flush();
        }

        ReleaseBatchGate();
    }

    /// <summary>
    /// A frame held whole (read into the reader's held buffer): judged while the big frame before it, if any, is still
    /// being written. When the next frame is already arriving (bytes after this one are buffered, or wait in the
    /// source's pipe) it is written on the sender's thread while the pump reads that one; otherwise here, as a hand-off
    /// to another thread would only add its wake-up to a round trip. Never under the batch gate.
    /// </summary>
    private void ForwardHeld(ReadOnlySpan<byte> frame)
    {
        var verdict = _observer.OnFrame(_direction, frame);
        AwaitHeldFrame();
        if (verdict.IsForward && (_reader.HasBufferedInput || Platform.ShimPlatform.Current.Processes.PendingInput(_source) > 0))
        {
            _sender ??= new HeldFrameSender(_writer, _direction + " big frames");
            _sender.Send(_reader.DetachHeld(), frame.Length);
        }
        else if (verdict.IsForward)
        {
            lock (_writer.Gate)
                _writer.Append(frame);
        }
        else if (verdict.Replacement is { } replacement)
        {
            lock (_writer.Gate)
                _writer.Append(replacement);
        }
    }

    /// <summary>Waits until the big frame in flight is written, before anything else is written after it.</summary>
    private void AwaitHeldFrame()
    {
        if (_sender?.Wait() is { } written)
            _reader.ReturnHeld(written);
    }

    private void StopSender()
    {
        if (_sender is null)
            return;
        try
        {
            AwaitHeldFrame();
        }
        catch (IOException)
        {
            // The destination broke under the last big frame; the pump ends anyway.
        }

        _sender.Stop();
    }

    /// <summary>Lets the batch's gate go, if this pump holds it.</summary>
    private void ReleaseBatchGate()
    {
        if (!_holdingBatchGate)
            return;
        _holdingBatchGate = false;
        _writer.Gate.Exit();
    }
}
