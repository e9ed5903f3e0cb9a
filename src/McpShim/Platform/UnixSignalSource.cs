using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>Linux and macOS: SIGINT (Ctrl+C), SIGTERM (a client or service manager stopping us), SIGHUP (terminal gone).</summary>
internal sealed class UnixSignalSource : ISignalSource
{
    public IDisposable Register(CancellationTokenSource shutdown) =>
        new SignalRegistrations([PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP], shutdown);
}
