using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>SIGINT, SIGTERM and SIGHUP end the session the same way a closed stdin does: gracefully.</summary>
internal sealed class SignalHandlers : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    private SignalHandlers(CancellationTokenSource shutdown)
    {
        foreach (var signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP])
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true; // we stop ourselves, after stopping the server
                    shutdown.Cancel();
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGHUP has no Windows equivalent.
            }
        }
    }

    public static SignalHandlers Register(CancellationTokenSource shutdown) => new(shutdown);

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
