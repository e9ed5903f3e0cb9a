namespace McpShim.Secrets;

/// <summary>
/// <c>secretsAs: files</c>: each secret as <c>/run/secrets/NAME</c> in the container, read-only, not in
/// <c>docker inspect</c>'s Env. The host folder comes from the platform (<see cref="Platform.IHostSecretFolders"/>).
/// A session's folder is removed when it ends; a warm container's is rewritten in place each session.
/// </summary>
/// <param name="remove">How the platform removes the folder (<see cref="Platform.IHostSecretFolders"/>).</param>
internal sealed class SecretFiles(string folder, bool removeOnCleanup, Func<string, bool> remove)
{
    public const string ContainerFolder = "/run/secrets";

    public string Folder { get; } = folder;

    /// <summary>The mount that shows the folder at /run/secrets.</summary>
    public string[] MountFlags => ["--mount", $"type=bind,source={Folder},target={ContainerFolder},readonly"];

    /// <summary>Best effort: the folder is on a tmpfs that is private to this user, and a later mcpshim removes what is left.</summary>
    public void Cleanup()
    {
        if (removeOnCleanup)
            _ = remove(Folder);
    }
}
