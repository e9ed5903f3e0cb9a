using System.Runtime.InteropServices;

namespace McpShim.Sandbox;

/// <summary>access(2) and chmod(2), as a sandbox planned on Linux or macOS needs them (never reached on Windows).</summary>
internal static partial class PosixFiles
{
    private const int XOk = 1;

    /// <summary>Whether this user may execute <paramref name="path"/>, as execve's PATH search asks.</summary>
    public static bool IsExecutable(string path) => access(path, XOk) == 0;

    /// <summary>Gives a folder back to its owner (0700), so a server cannot leave its scratch folder unremovable.</summary>
    public static void OwnerOnly(string folder) => _ = chmod(folder, 0x1C0);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int access(string path, int mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chmod(string path, int mode);
}
