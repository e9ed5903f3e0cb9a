using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>
/// A blocking stream over a raw Unix file descriptor (stdin/stdout), whatever it is: pipe, socketpair (libuv-based
/// clients such as Electron apps hand children sockets), file or tty. Unlike Console streams it reports EPIPE instead
/// of swallowing it, so a vanished client is noticed.
/// </summary>
internal sealed class FdStream(int fd, bool canRead) : Stream
{
    /// <summary>The descriptor itself, for calls that move data without a copy (see <see cref="LinuxSpliceRoute"/>).</summary>
    public int Fd => fd;

    public override bool CanRead => canRead;

    public override bool CanWrite => !canRead;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe int Read(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = LibC.read(fd, p, buffer.Length);
                if (n >= 0)
                    return (int)n;
                var errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.EINTR)
                    throw new IOException($"read from fd {fd} failed (errno {errno})", errno);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var p = start;
            var left = (nint)buffer.Length;
            while (left > 0)
            {
                var n = LibC.write(fd, p, left);
                if (n >= 0)
                {
                    p += n;
                    left -= n;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.EINTR)
                    throw new IOException($"write to fd {fd} failed (errno {errno})", errno);
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
