namespace McpShim.Secrets;

/// <summary>
/// <c>secretsAs: files</c>: each secret as <c>/run/secrets/NAME</c> in the container, read-only, not in
/// <c>docker inspect</c>'s Env. The host folder comes from the platform (<see cref="Platform.IHostSecretFolders"/>).
/// A session's folder is removed when it ends; a warm container's is rewritten in place each session.
/// </summary>
internal sealed class SecretFiles(string folder, bool removeOnCleanup)
{
    public const string ContainerFolder = "/run/secrets";

    public string Folder { get; } = folder;

    /// <summary>The mount that shows the folder at /run/secrets.</summary>
    public string[] MountFlags => ["--mount", $"type=bind,source={Folder},target={ContainerFolder},readonly"];

    public void Cleanup()
    {
        if (!removeOnCleanup)
            return;
        try
        {
            // Left read-only (0555 or 0500) after its files were written: its entries cannot be unlinked until it is not.
            if (!OperatingSystem.IsWindows() && Directory.Exists(Folder))
                File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the folder is on a tmpfs that is private to this user.
        }
    }
}
