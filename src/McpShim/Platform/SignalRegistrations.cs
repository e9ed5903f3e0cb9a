using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>A set of <see cref="PosixSignalRegistration"/>s that each cancel the shutdown token and keep the process alive.</summary>
internal sealed class SignalRegistrations : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public SignalRegistrations(IEnumerable<PosixSignal> signals, CancellationTokenSource shutdown)
    {
        foreach (var signal in signals)
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
                // Best effort: a signal this runtime cannot watch here is simply not watched.
            }
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
