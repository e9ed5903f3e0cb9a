namespace McpShim.Platform;

/// <summary>
/// What a path leads to, whatever the path (<see cref="FileIdentity"/>), and holding an object open so its identity
/// stays its own: how a bind mount is compared with the folder that was checked (issue 14). Linux only for now.
/// </summary>
internal interface IFileIdentities
{
    /// <summary>Whether identities can be read here; when not, every call below answers null or -1.</summary>
    bool Supported { get; }

    /// <summary>The identity of what <paramref name="path"/> leads to (symlinks followed); null with the errno when unreadable.</summary>
    FileIdentity? OfPath(string path, out int error);

    /// <summary>
    /// Opens <paramref name="path"/> for reference only (no read permission needed, nothing read): while held, its
    /// inode cannot be freed and handed to another file. Returns a handle, or -1 with the errno.
    /// </summary>
    int Hold(string path, out int error);

    /// <summary>The identity of a held object.</summary>
    FileIdentity? OfHeld(int handle, out int error);

    /// <summary>The path the held object sits at now, as the kernel sees it; null when it cannot tell.</summary>
    string? PathOfHeld(int handle);

    void Release(int handle);
}
