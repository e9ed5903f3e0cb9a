using System.Diagnostics;

namespace McpShim.Platform;

/// <summary>Windows: no uids or signals; the user name labels containers, a stop is a kill, the shell is cmd.exe.</summary>
internal sealed class WindowsProcessHost : IProcessHost
{
    public string Uid => Environment.UserName;

    public string? StartStamp(int pid) => null;

    public bool IsAlive(int pid, string? startStamp)
    {
        if (pid <= 0)
            return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Terminate(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public CliWrap.Command Shell(string command) => ShortCommand.Create("cmd.exe", ["/d", "/c", command]);

    public Stream OpenStandardInput() => Console.OpenStandardInput();

    public Stream OpenStandardOutput() => Console.OpenStandardOutput();

    public void EnlargePipe(Stream stream)
    {
    }

    public Relay.IZeroCopyRoute? ZeroCopyRoute(Stream source, Stream destination) => null;

    public int PendingInput(Stream stream) => -1;

    /// <summary>None: a frame held whole grows an array by doubling here (see <see cref="Relay.HeldFrameBuffer"/>).</summary>
    public nint ReserveMemory(nuint bytes) => 0;
}
