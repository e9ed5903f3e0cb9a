using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>Linux: <c>statx</c> (one struct layout on every architecture, unlike <c>stat</c>'s) and <c>O_PATH</c> handles.</summary>
internal sealed class LinuxFileIdentities : IFileIdentities
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const int OPath = 0x200000;
    private const int OCloseOnExec = 0x80000;

    public bool Supported => true;

    public FileIdentity? OfPath(string path, out int error) => Stat(AtFdCwd, path, 0, out error);

    public int Hold(string path, out int error)
    {
        var fd = LibC.open(path, OPath | OCloseOnExec, 0);
        error = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    public FileIdentity? OfHeld(int handle, out int error) => Stat(handle, string.Empty, AtEmptyPath, out error);

    public string? PathOfHeld(int handle) =>
        new FileInfo("/proc/self/fd/" + handle.ToString(CultureInfo.InvariantCulture)).LinkTarget;

    public void Release(int handle) => _ = LibC.close(handle);

    private static unsafe FileIdentity? Stat(int directoryFd, string path, int flags, out int error)
    {
        error = 0;
        var buffer = stackalloc byte[StatxSize];
        if (LibC.statx(directoryFd, path, flags, StatxIno, buffer) != 0)
        {
            error = Marshal.GetLastPInvokeError();
            return null;
        }

        // struct statx: stx_ino at 32, stx_dev_major at 136, stx_dev_minor at 140, in the machine's byte order.
        var span = new ReadOnlySpan<byte>(buffer, StatxSize);
        return BitConverter.IsLittleEndian
            ? new FileIdentity(BinaryPrimitives.ReadUInt32LittleEndian(span[136..]), BinaryPrimitives.ReadUInt32LittleEndian(span[140..]), BinaryPrimitives.ReadUInt64LittleEndian(span[32..]))
            : new FileIdentity(BinaryPrimitives.ReadUInt32BigEndian(span[136..]), BinaryPrimitives.ReadUInt32BigEndian(span[140..]), BinaryPrimitives.ReadUInt64BigEndian(span[32..]));
    }
}
