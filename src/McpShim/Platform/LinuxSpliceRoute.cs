using System.Runtime.InteropServices;
using McpShim.Relay;

namespace McpShim.Platform;

/// <summary>
/// <see cref="IZeroCopyRoute"/> on Linux: <c>tee</c> duplicates what waits in the source pipe into a private pipe,
/// whose copy mcpshim reads to scan; <c>splice</c> then moves the source's pages to the destination (a pipe or a
/// socket). A streamed frame's bytes are thus read once, never written, and the destination gets the very pages the
/// sender wrote.
/// </summary>
internal sealed class LinuxSpliceRoute : IZeroCopyRoute
{
    private const int ScratchBytes = 1 << 20;

    private readonly int _source;
    private readonly int _destination;
    private readonly int _scratchRead;
    private readonly int _scratchWrite;
    private byte[]? _discard;
    private int _disposed;

    private LinuxSpliceRoute(int source, int destination, int scratchRead, int scratchWrite)
    {
        (_source, _destination, _scratchRead, _scratchWrite) = (source, destination, scratchRead, scratchWrite);
    }

    /// <summary>A route when the source is a pipe and the destination a pipe or socket; else null (the relay copies).</summary>
    public static unsafe IZeroCopyRoute? TryCreate(Stream source, Stream destination)
    {
        var (from, to) = (UnixProcesses.DescriptorOf(source), UnixProcesses.DescriptorOf(destination));
        if (from < 0 || to < 0 || !Is(from, "pipe:") || !(Is(to, "pipe:") || Is(to, "socket:")))
            return null;
        try
        {
            var fds = stackalloc int[2];
            if (LinuxPipes.pipe2(fds, LinuxPipes.CloseOnExec) != 0)
                return null;
            _ = LibC.fcntl(fds[1], LinuxPipes.SetPipeSize, ScratchBytes);
            return new LinuxSpliceRoute(from, to, fds[0], fds[1]);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public unsafe int Peek(Span<byte> buffer)
    {
        nint teed;
        while (true)
        {
            teed = LinuxPipes.tee(_source, _scratchWrite, Math.Min(buffer.Length, ScratchBytes), 0);
            if (teed >= 0)
                break;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR)
                continue;
            if (errno == LibC.EAGAIN)
            {
                Wait(_source, LinuxPipes.PollIn);
                continue;
            }

            // Nothing was taken from the source: a plain read can take over.
            throw new NotSupportedException($"tee from fd {_source} failed (errno {errno})");
        }

        var copied = 0;
        fixed (byte* start = buffer)
        {
            while (copied < teed)
            {
                var n = LibC.read(_scratchRead, start + copied, teed - copied);
                if (n > 0)
                {
                    copied += (int)n;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (n < 0 && errno == LibC.EINTR)
                    continue;
                throw new IOException($"reading the relay's own scratch pipe failed (errno {errno})", errno);
            }
        }

        return copied;
    }

    public void Move(int count)
    {
        var moved = 0;
        while (moved < count)
        {
            var n = LinuxPipes.splice(_source, 0, _destination, 0, count - moved, LinuxPipes.SpliceMove);
            if (n > 0)
            {
                moved += (int)n;
                continue;
            }

            if (n == 0)
                throw new IOException($"the source (fd {_source}) ended while {count - moved} bytes it held were being sent on");
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR)
                continue;
            if (errno == LibC.EAGAIN)
            {
                Wait(_destination, LinuxPipes.PollOut);
                continue;
            }

            if (moved == 0 && errno is LinuxPipes.EINVAL or LinuxPipes.ENOSYS)
                throw new NotSupportedException($"splice to fd {_destination} is not supported (errno {errno})");
            throw new IOException($"write to fd {_destination} failed (errno {errno})", errno);
        }
    }

    public unsafe void Skip(int count)
    {
        _discard ??= new byte[64 * 1024];
        fixed (byte* start = _discard)
        {
            while (count > 0)
            {
                var n = LibC.read(_source, start, Math.Min(count, _discard.Length));
                if (n > 0)
                {
                    count -= (int)n;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (n < 0 && errno == LibC.EINTR)
                    continue;
                if (n < 0 && errno == LibC.EAGAIN)
                {
                    Wait(_source, LinuxPipes.PollIn);
                    continue;
                }

                throw new IOException($"read from fd {_source} failed (errno {errno})", errno);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _ = LibC.close(_scratchRead);
        _ = LibC.close(_scratchWrite);
    }

    private static unsafe void Wait(int fd, short events)
    {
        var poll = new LinuxPipes.PollFd { Fd = fd, Events = events };
        _ = LinuxPipes.poll(&poll, 1, 1000);
    }

    private static bool Is(int fd, string kind)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget?.StartsWith(kind, StringComparison.Ordinal) == true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
