using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// A server started over the Engine API (<see cref="EngineExecApi"/>): its stdin, stdout and stderr are one hijacked
/// connection, and its exit code comes from inspecting the exec once its output ends (or, when nobody reads the
/// output any more, by polling after its stdin was closed).
/// </summary>
internal sealed class EngineExecProcess : ServerProcess
{
    private static readonly TimeSpan ExitCodeWait = TimeSpan.FromSeconds(2);

    private readonly EngineApiEndpoint _endpoint;
    private readonly EngineApiConnection _connection;
    private readonly string _execId;
    private readonly string _container;
    private readonly StderrBuffer _stderr = new();
    private readonly ExecOutputStream _output;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _disposed = new();
    private long _outputEndedAt;
    private int _watching;
    private int _inputClosed;
    private volatile bool _hasExitCode;
    private int _exitCode;

    /// <param name="connection">Upgraded by <see cref="EngineExecApi.Start"/>; this process owns it from now on.</param>
    public EngineExecProcess(EngineApiEndpoint endpoint, EngineApiConnection connection, string execId, string container)
    {
        _endpoint = endpoint;
        _connection = connection;
        _execId = execId;
        _container = container;
        connection.SetTimeout(TimeSpan.Zero); // the exec stream is idle as long as the session is
        _output = new ExecOutputStream(connection.Stream, connection.TakeBuffered(), _stderr, OutputEnded);
    }

    public override string Description => $"exec {_execId[..Math.Min(12, _execId.Length)]} in {_container}";

    /// <summary>Blocking socket sends; the relay writes each batch of frames in one call.</summary>
    public override Stream Input => _connection.Stream;

    public override Stream Output => _output;

    public override Stream Error => _stderr;

    public override Task Exited => _exited.Task;

    public override int? ExitCode => _hasExitCode ? _exitCode : null;

    /// <summary>A half-close: the engine sees the end of the exec's stdin and closes it, and the server sees EOF.</summary>
    public override void CloseInput()
    {
        if (Interlocked.Exchange(ref _inputClosed, 1) != 0)
            return;
        try
        {
            _connection.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The connection is already gone; so is the exec's stdin.
        }

        WatchForExit();
    }

    /// <summary>
    /// The Engine API cannot signal an exec: closing its stdin is the polite stop it offers. (Exec mode's forced stop
    /// kills the session's processes inside the container instead; see <see cref="ExecLauncher.ForceStopAsync"/>.)
    /// </summary>
    public override void Terminate() => CloseInput();

    /// <summary>Drops the connection; whatever still runs in the container sees its stdin close.</summary>
    public override void Kill()
    {
        CloseConnection();
        _exited.TrySetResult();
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        _disposed.Cancel();
        CloseConnection();
        _output.Dispose();
        _stderr.Dispose();
        _exited.TrySetResult();
        _disposed.Dispose();
    }

    private void CloseConnection()
    {
        try
        {
            _connection.Socket.Shutdown(SocketShutdown.Both); // wakes a blocked read on every platform
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        _connection.Dispose();
    }

    private void OutputEnded()
    {
        Interlocked.CompareExchange(ref _outputEndedAt, Stopwatch.GetTimestamp(), 0);
        WatchForExit();
    }

    private void WatchForExit()
    {
        if (Interlocked.Exchange(ref _watching, 1) == 0)
            _ = Task.Run(WatchAsync);
    }

    /// <summary>
    /// Inspects the exec until it no longer runs. Once its output has ended this waits at most <see cref="ExitCodeWait"/>
    /// (the engine records the exit a moment after the stream closes); before, it polls until the exec exits or the
    /// session gives up on it (<see cref="Kill"/>, <see cref="Dispose(bool)"/>).
    /// </summary>
    private async Task WatchAsync()
    {
        try
        {
            var token = _disposed.Token;
            while (!_exited.Task.IsCompleted && !token.IsCancellationRequested)
            {
                var inspection = EngineExecApi.Inspect(_endpoint, _execId);
                if (!inspection.Running)
                {
                    if (inspection.ExitCode is { } code)
                    {
                        _exitCode = code;
                        _hasExitCode = true;
                    }

                    break;
                }

                var endedAt = Interlocked.Read(ref _outputEndedAt);
                if (endedAt != 0 && Stopwatch.GetElapsedTime(endedAt) > ExitCodeWait)
                    break; // the stream is over but the exec says it runs: leave the exit code unknown
                await Task.Delay(endedAt != 0 ? 10 : 100, token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or EngineApiException or JsonException or OperationCanceledException or ObjectDisposedException)
        {
            // The engine went away, or the session did: the exit code stays unknown.
        }
        finally
        {
            _exited.TrySetResult();
        }
    }
}
