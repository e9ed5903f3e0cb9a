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

    public static ProcessStartInfo Shell(string command) => new("/bin/sh") { ArgumentList = { "-c", command } };

    /// <summary>
    /// A raw descriptor rather than Console streams: those swallow EPIPE, so a vanished client would go unnoticed
    /// (see <see cref="FdStream"/>).
    /// </summary>
    public static Stream OpenStandard(int fd) => new FdStream(fd, canRead: fd == 0);
}
