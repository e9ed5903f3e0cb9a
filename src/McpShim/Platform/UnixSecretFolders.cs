using System.Globalization;
using System.Runtime.Versioning;
using McpShim.Logging;
using McpShim.Secrets;
using Microsoft.Extensions.Logging;

namespace McpShim.Platform;

/// <summary>
/// Linux and macOS: the files live in a 0700 folder on a host tmpfs (<c>$XDG_RUNTIME_DIR</c>, else <c>/dev/shm</c>,
/// else the per-user temp folder), owned by the container user (mode 0400) when mcpshim may chown, else readable only
/// through the mount. A session's folder is named <c>KEY.owner-PID-STAMP</c> after its mcpshim (issue 14).
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixSecretFolders(IHostEnvironment host, IProcessHost processes) : IHostSecretFolders
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const string OwnerTag = ".owner-";

    public bool Supported => true;

    public SecretFiles Plan(string key, bool removeOnCleanup)
    {
        var name = removeOnCleanup ? $"{key}{OwnerTag}{Environment.ProcessId}-{processes.StartStamp(Environment.ProcessId)}" : key;
        return new SecretFiles(Path.Combine(Parent(), name), removeOnCleanup, Remove);
    }

    public void Write(SecretFiles files, IReadOnlyList<SecretValue> secrets, string containerUser)
    {
        var parent = Parent();
        Directory.CreateDirectory(parent, OwnerOnlyFolder);
        File.SetUnixFileMode(parent, OwnerOnlyFolder);
        var folder = files.Folder;
        if (!Directory.Exists(folder))
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        else if (secrets.Any(s => !File.Exists(Path.Combine(folder, s.Name))))
            File.SetUnixFileMode(folder, OwnerOnlyFolder); // read-only since its last write; a new name needs to be added

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
    }

    public bool RemoveFolder(string key) => Remove(Path.Combine(Parent(), key));

    public int RemoveDeadSessionFolders(ILogger logger)
    {
        var parent = Parent();
        if (!Directory.Exists(parent))
            return 0;
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(parent))
        {
            var name = Path.GetFileName(folder);
            var tag = name.LastIndexOf(OwnerTag, StringComparison.Ordinal);
            if (tag < 0)
                continue; // a warm container's: it lives as long as the container
            var owner = name[(tag + OwnerTag.Length)..];
            var dash = owner.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(owner.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            var stamp = owner[(dash + 1)..];
            if (processes.IsAlive(pid, stamp.Length == 0 ? null : stamp) || !Remove(folder))
                continue;
            removed++;
            Log.SecretFolderReaped(logger, folder, pid);
        }

        return removed;
    }

    /// <summary>A written folder is read-only (0555 or 0500): its entries cannot be unlinked until it is made writable.</summary>
    private static bool Remove(string folder)
    {
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
