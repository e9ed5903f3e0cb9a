using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>The few POSIX calls .NET does not expose: raw fd I/O, O_APPEND opens, uid, signals and anonymous mappings.</summary>
internal static partial class LibC
{
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int ESRCH = 3;
    internal const int SIGTERM = 15;
    internal const int SIGKILL = 9;

    // Linux values; macOS differs for O_CREAT/O_APPEND/O_CLOEXEC (see OpenFlags).
    [LibraryImport("libc", SetLastError = true)]
    internal static unsafe partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    internal static unsafe partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int fsync(int fd);

    [LibraryImport("libc")]
    internal static partial uint getuid();

    /// <summary>fcntl(fd, cmd, int): used for F_SETPIPE_SZ (Linux) only.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint realpath(string path, nint resolved);

    [LibraryImport("libc")]
    internal static partial void free(nint pointer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chown(string path, int owner, int group);

    [LibraryImport("libc")]
    internal static partial uint geteuid();

    /// <summary>ioctl(fd, request, int*): used for FIONREAD (Linux) only.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static unsafe partial int ioctl(int fd, nuint request, int* value);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int munmap(nint address, nuint length);

    /// <summary>statx(2), Linux: its struct has one layout on every architecture, unlike stat's.</summary>
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
