using System.Diagnostics;

namespace McpShim.Platform;

/// <summary>macOS: no /proc, so no start stamps (a pid is alive while kill(pid, 0) finds it); pipes keep their size.</summary>
internal sealed class MacProcessHost : IProcessHost
{
    public string Uid => UnixProcesses.Uid;

    public string? StartStamp(int pid) => null;

    public bool IsAlive(int pid, string? startStamp) => UnixProcesses.Exists(pid);

    public void Terminate(Process process) => UnixProcesses.Terminate(process);

    public CliWrap.Command Shell(string command) => UnixProcesses.Shell(command);

    public Stream OpenStandardInput() => UnixProcesses.OpenStandard(0);

    public Stream OpenStandardOutput() => UnixProcesses.OpenStandard(1);

    public void EnlargePipe(Stream stream)
    {
    }

    public Relay.IZeroCopyRoute? ZeroCopyRoute(Stream source, Stream destination) => null;

    public int PendingInput(Stream stream) => -1;

    public nint ReserveMemory(nuint bytes) => ReservedMemory.Map(bytes, ReservedMemory.MacFlags);
}
