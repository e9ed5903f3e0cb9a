using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Relay;

/// <summary>
/// Moves frames one way on a thread of its own: read a frame, let the session look at its envelope, forward the
/// original bytes. Frames read together are written together and flushed before the next read that could block.
/// </summary>
internal sealed class FramePump
{
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly Direction _direction;
    private readonly IFrameObserver _observer;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<PumpEnd> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FramePump(Stream source, FrameWriter writer, Direction direction, long maxFrameBytes, IFrameObserver observer, ILogger logger)
    {
        _reader = new FrameReader(source, maxFrameBytes) { BeforeBlockingRead = FlushWriter };
        _writer = writer;
        _direction = direction;
        _observer = observer;
        _logger = logger;
    }

    /// <summary>Completes when the source ends or the destination breaks.</summary>
    public Task<PumpEnd> Completion => _done.Task;

    public void Start() =>
        new Thread(Run) { IsBackground = true, Name = _direction.ToString() }.Start();

    private void Run()
    {
        var end = PumpEnd.SourceClosed;
        try
        {
            while (_reader.TryRead(out var item))
            {
                switch (item.Kind)
                {
                    case FrameKind.Frame:
                        _observer.OnFrame(_direction, item.Bytes);
                        lock (_writer.Gate)
                            _writer.Append(item.Bytes);
                        break;
                    case FrameKind.Oversized:
                        _observer.OnOversized(_direction, item.Length, item.Envelope!);
                        break;
                    case FrameKind.TruncatedTail:
                        Log.TruncatedTailDropped(_logger, _direction, item.Length);
                        break;
                }
            }

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
        finally
        {
            _done.TrySetResult(end);
        }
    }

    private void FlushWriter()
    {
        lock (_writer.Gate)
            _writer.Flush();
    }
}
