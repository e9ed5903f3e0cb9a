using System.IO.Pipes;

namespace McpShim.Platform;

/// <summary>
/// Linux pipes hold 64 KiB by default, so a 16 MB frame costs 256 reads and writes per hop. A 1 MiB pipe (the
/// unprivileged maximum) cuts that sixteenfold. Best effort: sockets, files and other systems are left alone.
/// </summary>
internal static class PipeTuning
{
    private const int SetPipeSize = 1031; // F_SETPIPE_SZ
    private const int PipeBytes = 1 << 20;

    public static void Enlarge(int fd)
    {
        if (OperatingSystem.IsLinux())
            _ = LibC.fcntl(fd, SetPipeSize, PipeBytes);
    }

    public static void Enlarge(Stream stream)
    {
        if (!OperatingSystem.IsLinux())
            return;
        var handle = stream switch
        {
            PipeStream pipe => pipe.SafePipeHandle.DangerousGetHandle(),
            FileStream file => file.SafeFileHandle.DangerousGetHandle(),
            _ => -1,
        };
        if (handle >= 0)
            Enlarge((int)handle);
    }
}
