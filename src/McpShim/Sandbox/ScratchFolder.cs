namespace McpShim.Sandbox;

/// <summary>
/// A sandboxed session's private scratch folder: created 0700 in the temp folder (mkdtemp), the server's HOME and
/// TMPDIR, removed when the session ends, whatever the server left in it.
/// </summary>
internal static class ScratchFolder
{
    public const string Prefix = "mcpshim-sandbox-";

    public static string Create() => Directory.CreateTempSubdirectory(Prefix).FullName;

    /// <summary>Removes the folder; a server that made a subfolder unwritable gets it back first. Returns the failure, if any.</summary>
    public static string? Remove(string folder)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt > 0)
                    return ex.Message;
                // A folder the server made unreadable hides its contents from the walk: open it up level by level.
                var pending = new Stack<string>([folder]);
                while (pending.TryPop(out var sub))
                {
                    PosixFiles.OwnerOnly(sub);
                    foreach (var child in Directory.EnumerateDirectories(sub, "*", new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }))
                        pending.Push(child);
                }
            }
        }
    }
}
