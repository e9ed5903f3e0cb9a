using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace McpShim.Platform;

/// <summary>
/// What a file or folder is, whatever path reaches it: its device and inode (Linux, through <c>statx</c>). Two paths
/// with the same identity name the same object, which is how a bind mount is compared with the folder that was
/// checked (issue 14).
/// </summary>
internal readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;
    private const int BufferSize = 256;
    private const int OPath = 0x200000;
    private const int OCloseOnExec = 0x80000;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"device {DeviceMajor}:{DeviceMinor}, inode {Inode}");

    /// <summary>Whether identities can be read on this OS.</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>The identity of what <paramref name="path"/> leads to (symlinks followed); null with the errno when it cannot be read.</summary>
    public static FileIdentity? OfPath(string path, out int error) => Stat(AtFdCwd, path, 0, out error);

    /// <summary>The identity of an open descriptor.</summary>
    public static FileIdentity? OfDescriptor(int fd, out int error) => Stat(fd, string.Empty, AtEmptyPath, out error);

    /// <summary>
    /// Opens <paramref name="path"/> for reference only (<c>O_PATH</c>: no read permission needed, nothing read): held
    /// open, its inode cannot be freed and handed to another file. -1 with the errno when it cannot be opened.
    /// </summary>
    public static int Hold(string path, out int error)
    {
        var fd = LibC.open(path, OPath | OCloseOnExec, 0);
        error = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    private static unsafe FileIdentity? Stat(int directoryFd, string path, int flags, out int error)
    {
        error = 0;
        if (!Supported)
            return null;
        var buffer = stackalloc byte[BufferSize];
        if (LibC.statx(directoryFd, path, flags, StatxIno, buffer) != 0)
        {
            error = Marshal.GetLastPInvokeError();
            return null;
        }

        var span = new ReadOnlySpan<byte>(buffer, BufferSize);
        // struct statx: stx_ino at 32, stx_dev_major at 136, stx_dev_minor at 140 (native byte order).
        return BitConverter.IsLittleEndian
            ? new FileIdentity(BinaryPrimitives.ReadUInt32LittleEndian(span[136..]), BinaryPrimitives.ReadUInt32LittleEndian(span[140..]), BinaryPrimitives.ReadUInt64LittleEndian(span[32..]))
            : new FileIdentity(BinaryPrimitives.ReadUInt32BigEndian(span[136..]), BinaryPrimitives.ReadUInt32BigEndian(span[140..]), BinaryPrimitives.ReadUInt64BigEndian(span[32..]));
    }
}
