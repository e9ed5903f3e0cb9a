using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>
/// An <c>O_APPEND</c> descriptor: each line is one <c>write(2)</c>, so lines from many processes never interleave.
/// Created 0600.
/// </summary>
internal sealed class UnixAppendFile : IAppendFile
{
    private const int OwnerReadWrite = 0x180; // 0600

    private readonly string _path;
    private int _fd;

    public UnixAppendFile(string path, OpenFlags flags)
    {
        _path = path;
        _fd = LibC.open(path, flags.WriteOnly | flags.Append | flags.Create | flags.CloseOnExec, OwnerReadWrite);
        if (_fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open '{path}' for appending: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    public unsafe void Write(ReadOnlySpan<byte> line)
    {
        fixed (byte* p = line)
        {
            while (true)
            {
                var n = LibC.write(_fd, p, line.Length);
                if (n == line.Length)
                    return;
                if (n >= 0)
                    throw new IOException($"short write to '{_path}' ({n} of {line.Length} bytes): disk full?");
                var errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.EINTR)
                    throw new IOException($"cannot write to '{_path}': {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = LibC.close(_fd);
            _fd = -1;
        }
    }
}
