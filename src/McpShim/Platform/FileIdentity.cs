using System.Globalization;

namespace McpShim.Platform;

/// <summary>
/// What a file or folder is, whatever path reaches it: its device and inode. Two paths with the same identity name
/// the same object (<see cref="IFileIdentities"/>).
/// </summary>
internal readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"device {DeviceMajor}:{DeviceMinor}, inode {Inode}");
}
