using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace McpShim.Platform;

/// <summary>Linux and macOS: mode bits, folders created 0700, appends on an <c>O_APPEND</c> descriptor, realpath(3).</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixFileAccess(OpenFlags openFlags) : IFileAccess
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string? Describe(string file) => UnixModeRules.Format(File.GetUnixFileMode(file));

    public AccessProblem? OthersCanWrite(string file) => UnixModeRules.OthersCanWrite(file, File.GetUnixFileMode(file));

    public AccessProblem? OthersCanReadOrWrite(string file) => UnixModeRules.OthersCanReadOrWrite(file, File.GetUnixFileMode(file));

    public void CreatePrivateFolder(string folder) => Directory.CreateDirectory(folder, OwnerOnlyFolder);

    public void CreateOwnerOnly(FileStreamOptions options) => options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public IAppendFile OpenAppend(string path) => new UnixAppendFile(path, openFlags);

    public void CopyAccess(string from, string to) => File.SetUnixFileMode(to, File.GetUnixFileMode(from));

    public string? RealPath(string path)
    {
        var resolved = LibC.realpath(path, 0);
        if (resolved == 0)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            LibC.free(resolved);
        }
    }
}
