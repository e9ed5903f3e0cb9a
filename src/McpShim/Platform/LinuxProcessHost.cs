using System.Diagnostics;

namespace McpShim.Platform;

/// <summary>
/// Linux: start stamps from /proc guard against pid reuse, and pipes are enlarged to 1 MiB. Linux pipes hold 64 KiB by
/// default, so a 16 MB frame costs 256 reads and writes per hop; 1 MiB (the unprivileged maximum) cuts that sixteenfold.
/// </summary>
internal sealed class LinuxProcessHost : IProcessHost
{
    private const int PipeBytes = 1 << 20;

    public string Uid => UnixProcesses.Uid;

    /// <summary>The process's start time in clock ticks since boot (/proc/PID/stat field 22).</summary>
    public string? StartStamp(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return rest.Length > 19 ? rest[19] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public bool IsAlive(int pid, string? startStamp)
    {
        if (pid <= 0)
            return false;
        var current = StartStamp(pid);
        return current is not null && (string.IsNullOrEmpty(startStamp) || current == startStamp);
    }

    public void Terminate(Process process) => UnixProcesses.Terminate(process);

    public CliWrap.Command Shell(string command) => UnixProcesses.Shell(command);

    public Stream OpenStandardInput()
    {
        Enlarge(0);
        return UnixProcesses.OpenStandard(0);
    }

    public Stream OpenStandardOutput()
    {
        Enlarge(1);
        return UnixProcesses.OpenStandard(1);
    }

    /// <summary>Best effort: sockets, files and other streams are left alone.</summary>
    public void EnlargePipe(Stream stream)
    {
        if (UnixProcesses.DescriptorOf(stream) is var fd and >= 0)
            Enlarge(fd);
    }

    /// <summary>tee and splice between pipes (and into sockets), unless <c>MCPSHIM_NO_SPLICE=1</c> turns it off.</summary>
    public Relay.IZeroCopyRoute? ZeroCopyRoute(Stream source, Stream destination) =>
        Environment.GetEnvironmentVariable(NoSpliceEnv) == "1" ? null : LinuxSpliceRoute.TryCreate(source, destination);

    public int PendingInput(Stream stream) => Platform.PendingInput.Bytes(stream);

    public nint ReserveMemory(nuint bytes) => ReservedMemory.Map(bytes, ReservedMemory.LinuxFlags);

    /// <summary>Set to 1 to copy streamed frames through mcpshim as on other systems (for comparison, or a kernel that misbehaves).</summary>
    public const string NoSpliceEnv = "MCPSHIM_NO_SPLICE";

    private static void Enlarge(int fd) => _ = LibC.fcntl(fd, LinuxPipes.SetPipeSize, PipeBytes);
}
