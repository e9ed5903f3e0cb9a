using System.Globalization;
using McpShim.Platform;

namespace McpShim.Secrets;

/// <summary>
/// <c>secretsAs: files</c>: each secret as <c>/run/secrets/NAME</c> in the container, read-only, not in
/// <c>docker inspect</c>'s Env. The files live in a 0700 folder on a host tmpfs (<c>$XDG_RUNTIME_DIR</c>, else
/// <c>/dev/shm</c>), owned by the container user (mode 0400) when mcpshim may chown, else readable only through the
/// mount. A session's folder is removed when it ends; a warm container's is rewritten in place each session.
/// </summary>
internal sealed class SecretFiles
{
    public const string ContainerFolder = "/run/secrets";

    private SecretFiles(string folder, bool removeOnCleanup)
    {
        Folder = folder;
        RemoveOnCleanup = removeOnCleanup;
    }

    public string Folder { get; }

    private bool RemoveOnCleanup { get; }

    /// <summary>The mount that shows the folder at /run/secrets.</summary>
    public string[] MountFlags => ["--mount", $"type=bind,source={Folder},target={ContainerFolder},readonly"];

    /// <summary>Writes the secrets for a container; <paramref name="key"/> names the folder (session id or warm container).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static SecretFiles Write(string key, IReadOnlyList<SecretValue> secrets, string containerUser, bool removeOnCleanup)
    {
        var parent = Path.Combine(RuntimeFolder(), "mcpshim-" + ProcessIdentity.Uid);
        Directory.CreateDirectory(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
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

    public void Cleanup()
    {
        if (!RemoveOnCleanup)
            return;
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the folder is on a tmpfs that is private to this user.
        }
    }

    /// <summary>
    /// Removes the secrets folder of a warm container once the container itself is gone ('mcpshim stop', 'mcpshim
    /// prune'); true when there was one and it went. Its folder may be read-only (0500): made writable first.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static bool RemoveFolder(string key)
    {
        var folder = Path.Combine(RuntimeFolder(), "mcpshim-" + ProcessIdentity.Uid, key);
        if (!Directory.Exists(folder))
            return false;
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string RuntimeFolder() =>
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime)
            ? runtime
            : Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    /// <summary>The container user's uid:gid when mcpshim runs as root and the user is numeric; else null.</summary>
    private static (int Uid, int Gid)? NumericOwner(string user)
    {
        if (OperatingSystem.IsWindows() || LibC.geteuid() != 0)
            return null;
        var parts = user.Split(':');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            return null;
        var gid = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : uid;
        return (uid, gid);
    }
}
