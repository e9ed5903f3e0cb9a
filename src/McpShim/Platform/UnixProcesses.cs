using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>What Linux and macOS share about processes: uid, kill(2), /bin/sh, raw stdio descriptors.</summary>
internal static class UnixProcesses
{
    public static string Uid => LibC.getuid().ToString(CultureInfo.InvariantCulture);

    /// <summary>kill(pid, 0): alive unless the pid does not exist (EPERM means it does, as someone else's).</summary>
    public static bool Exists(int pid) =>
        pid > 0 && (LibC.kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != LibC.ESRCH);

    public static void Terminate(Process process)
    {
        if (!process.HasExited)
            _ = LibC.kill(process.Id, LibC.SIGTERM);
    }

    public static CliWrap.Command Shell(string command) => ShortCommand.Create("/bin/sh", ["-c", command]);

    /// <summary>
    /// A raw descriptor rather than Console streams: those swallow EPIPE, so a vanished client would go unnoticed
    /// (see <see cref="FdStream"/>).
    /// </summary>
    public static Stream OpenStandard(int fd) => new FdStream(fd, canRead: fd == 0);

    /// <summary>The descriptor under a stdio or child-process stream, or -1 for any other stream (a socket wrapper, memory).</summary>
    public static int DescriptorOf(Stream stream) => stream switch
    {
        FdStream raw => raw.Fd,
        System.IO.Pipes.PipeStream pipe => (int)pipe.SafePipeHandle.DangerousGetHandle(),
        FileStream file => (int)file.SafeFileHandle.DangerousGetHandle(),
        _ => -1,
    };
}
