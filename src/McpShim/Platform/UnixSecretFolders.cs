using System.Globalization;
using System.Runtime.Versioning;
using McpShim.Secrets;

namespace McpShim.Platform;

/// <summary>
/// Linux and macOS: the files live in a 0700 folder on a host tmpfs (<c>$XDG_RUNTIME_DIR</c>, else <c>/dev/shm</c>,
/// else the per-user temp folder), owned by the container user (mode 0400) when mcpshim may chown, else readable only
/// through the mount.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixSecretFolders(IHostEnvironment host, IProcessHost processes) : IHostSecretFolders
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public bool Supported => true;

    public SecretFiles Write(string key, IReadOnlyList<SecretValue> secrets, string containerUser, bool removeOnCleanup)
    {
        var parent = Parent();
        Directory.CreateDirectory(parent, OwnerOnlyFolder);
        File.SetUnixFileMode(parent, OwnerOnlyFolder);
        var folder = Path.Combine(parent, key);
        Directory.CreateDirectory(folder);

        var owner = NumericOwner(containerUser);
        var fileMode = owner is null
            ? UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead
            : UnixFileMode.UserRead;
        foreach (var secret in secrets)
        {
            var path = Path.Combine(folder, secret.Name);
            if (File.Exists(path))
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // Rewritten in place (same inode), so a warm container's existing mount sees the new value.
            using (var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                stream.SetLength(0);
                stream.Write(System.Text.Encoding.UTF8.GetBytes(secret.Value));
            }

            File.SetUnixFileMode(path, fileMode);
            if (owner is { } id)
                _ = LibC.chown(path, id.Uid, id.Gid);
        }

        File.SetUnixFileMode(folder, owner is null
            ? UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
            : UnixFileMode.UserRead | UnixFileMode.UserExecute);
        if (owner is { } dirOwner)
            _ = LibC.chown(folder, dirOwner.Uid, dirOwner.Gid);
        return new SecretFiles(folder, removeOnCleanup);
    }

    /// <summary>Its folder may be read-only (0500): made writable first.</summary>
    public bool RemoveFolder(string key)
    {
        var folder = Path.Combine(Parent(), key);
        if (!Directory.Exists(folder))
            return false;
        try
        {
            File.SetUnixFileMode(folder, OwnerOnlyFolder);
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private string Parent() => Path.Combine(RuntimeFolder(), "mcpshim-" + processes.Uid);

    private string RuntimeFolder() =>
        host.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && host.DirectoryExists(runtime)
            ? runtime
            : host.DirectoryExists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    /// <summary>The container user's uid:gid when mcpshim runs as root and the user is numeric; else null.</summary>
    private static (int Uid, int Gid)? NumericOwner(string user)
    {
        if (LibC.geteuid() != 0)
            return null;
        var parts = user.Split(':');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            return null;
        var gid = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : uid;
        return (uid, gid);
    }
}
