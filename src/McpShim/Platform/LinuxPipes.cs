using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>
/// Linux-only calls for moving pipe data without copying it. Bound at first use from glibc's soname rather than
/// through the <c>libc</c> direct binding, so builds for other systems never link against them; where they are
/// missing (musl, say) the relay copies as before.
/// </summary>
internal static partial class LinuxPipes
{
    internal const int SetPipeSize = 1031; // F_SETPIPE_SZ
    internal const uint SpliceMove = 1; // SPLICE_F_MOVE
    internal const int CloseOnExec = 0x80000; // O_CLOEXEC
    internal const short PollIn = 0x1;
    internal const short PollOut = 0x4;
    internal const int EINVAL = 22;
    internal const int ENOSYS = 38;

    [LibraryImport("libc.so.6", SetLastError = true)]
    internal static partial nint tee(int fdIn, int fdOut, nint length, uint flags);

    [LibraryImport("libc.so.6", SetLastError = true)]
    internal static partial nint splice(int fdIn, nint offsetIn, int fdOut, nint offsetOut, nint length, uint flags);

    [LibraryImport("libc.so.6", SetLastError = true)]
    internal static unsafe partial int pipe2(int* fds, int flags);

    [LibraryImport("libc.so.6", SetLastError = true)]
    internal static unsafe partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
