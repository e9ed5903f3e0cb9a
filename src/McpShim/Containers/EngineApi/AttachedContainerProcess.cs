using System.Net.Sockets;
using System.Text.Json;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// A run-mode server started over the Engine API (<see cref="EngineContainerApi"/>): its stdin, stdout and stderr are
/// one hijacked attach connection, read like an exec's (<see cref="ExecOutputStream"/>); its exit code comes from a
/// wait made on a second connection before the start. Closing stdin is the polite stop, as with <c>docker run -i</c>.
/// </summary>
internal sealed class AttachedContainerProcess : ServerProcess
{
    private readonly EngineApiEndpoint _endpoint;
    private readonly EngineApiConnection _attach;
    private readonly EngineApiConnection _wait;
    private readonly StderrBuffer _stderr = new();
    private readonly ExecOutputStream _output;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inputClosed;
    private volatile bool _hasExitCode;
    private int _exitCode;

    /// <param name="attach">Upgraded by <see cref="EngineContainerApi.Attach"/>; owned from now on.</param>
    /// <param name="wait">Holding the head of <see cref="EngineContainerApi.BeginWait"/>; owned from now on.</param>
    public AttachedContainerProcess(EngineApiEndpoint endpoint, EngineApiConnection attach, EngineApiConnection wait, HttpResponseHead waitHead, string id, string name)
    {
        _endpoint = endpoint;
        _attach = attach;
        _wait = wait;
        Id = id;
        Name = name;
        attach.SetTimeout(TimeSpan.Zero); // the stream is idle as long as the session is
        wait.SetTimeout(TimeSpan.Zero);
        _output = new ExecOutputStream(attach.Stream, attach.TakeBuffered(), _stderr);
        _ = Task.Factory.StartNew(() => WaitForExit(waitHead), TaskCreationOptions.LongRunning);
    }

    public string Id { get; }

    public string Name { get; }

    public override string Description => $"container {EngineContainerApi.Short(Id)} ({Name}) via the Engine API at {_endpoint}";

    /// <summary>Blocking socket sends; the relay writes each batch of frames in one call.</summary>
    public override Stream Input => _attach.Stream;

    public override Stream Output => _output;

    public override Stream Error => _stderr;

    public override Task Exited => _exited.Task;

    public override int? ExitCode => _hasExitCode ? _exitCode : null;

    /// <summary>A half-close: the engine sees the end of the attached stdin and closes the container's (StdinOnce).</summary>
    public override void CloseInput()
    {
        if (Interlocked.Exchange(ref _inputClosed, 1) != 0)
            return;
        try
        {
            _attach.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The connection is already gone; so is the container's stdin.
        }
    }

    /// <summary>SIGTERM to the container's init, which hands it to the server (as the CLI's signal proxy would).</summary>
    public override void Terminate() => Signal("TERM");

    /// <summary>Drops both connections; the container sees its stdin close (the launcher's forced stop removes it).</summary>
    public override void Kill()
    {
        Close(_attach);
        Close(_wait);
        _exited.TrySetResult();
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        Kill();
        _output.Dispose();
        _stderr.Dispose();
    }

    private void Signal(string signal)
    {
        try
        {
            using var connection = EngineApiConnection.Open(_endpoint, TimeSpan.FromSeconds(5));
            connection.SetTimeout(TimeSpan.FromSeconds(5));
            EngineContainerApi.Kill(connection, Id, signal);
        }
        catch (Exception ex) when (ex is IOException or SocketException or EngineApiException)
        {
            // The engine went away: so did the container's stdio; the session ends either way.
        }
    }

    private void WaitForExit(HttpResponseHead head)
    {
        try
        {
            _exitCode = EngineContainerApi.ReadExit(_wait, head);
            _hasExitCode = true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or JsonException or ObjectDisposedException)
        {
            // The engine or the session went away first: the exit code stays unknown.
        }
        finally
        {
            _exited.TrySetResult();
        }
    }

    private static void Close(EngineApiConnection connection)
    {
        try
        {
            connection.Socket.Shutdown(SocketShutdown.Both); // wakes a blocked read on every platform
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        connection.Dispose();
    }
}
