using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>
/// Windows: console control events, which .NET maps onto POSIX names: Ctrl+C (SIGINT), Ctrl+Break (SIGQUIT), the
/// console closing (SIGHUP) and logoff/shutdown (SIGTERM). For the last two Windows ends the process after a few
/// seconds whatever we do, so the server gets that long to stop.
/// </summary>
internal sealed class WindowsSignalSource : ISignalSource
{
    public IDisposable Register(CancellationTokenSource shutdown) =>
        new SignalRegistrations([PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGHUP, PosixSignal.SIGTERM], shutdown);
}
