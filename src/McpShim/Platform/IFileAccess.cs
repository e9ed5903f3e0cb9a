namespace McpShim.Platform;

/// <summary>
/// Who may read or change a file, and how to make files only yours: Unix modes (0600/0700) on Linux and macOS,
/// owner-only ACLs on Windows. Also how a path resolves, which is the file system's business too.
/// </summary>
internal interface IFileAccess
{
    /// <summary>A short note on the file's permissions for reports (<c>mode 0600</c>), or null where there is none.</summary>
    string? Describe(string file);

    /// <summary>What lets someone else change <paramref name="file"/>, or null when only you (and the system) can.</summary>
    AccessProblem? OthersCanWrite(string file);

    /// <summary>What lets someone else read or change <paramref name="file"/>, or null when it is yours alone.</summary>
    AccessProblem? OthersCanReadOrWrite(string file);

    /// <summary>Creates <paramref name="folder"/> (and its parents) so that only you can enter it; an existing one is left as is.</summary>
    void CreatePrivateFolder(string folder);

    /// <summary>
    /// Makes the file <paramref name="options"/> create readable by you alone: mode 0600 on Unix; on Windows the file
    /// inherits the ACL of the private folder it is created in.
    /// </summary>
    void CreateOwnerOnly(FileStreamOptions options);

    /// <summary>Opens <paramref name="path"/> for appending whole lines, creating it readable by you alone.</summary>
    IAppendFile OpenAppend(string path);

    /// <summary>
    /// Gives <paramref name="to"/> the access <paramref name="from"/> has, so a rewritten or backed-up file stays as
    /// private as the original (the mode on Unix; on Windows a new file already inherits its folder's ACL).
    /// </summary>
    void CopyAccess(string from, string to);

    /// <summary>The path with every link and <c>..</c> resolved, or null when it does not exist.</summary>
    string? RealPath(string path);
}
