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
                if (attempt > 0 || OperatingSystem.IsWindows())
                    return ex.Message;
                foreach (var sub in Directory.EnumerateDirectories(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }).Prepend(folder))
                {
                    try
                    {
                        File.SetUnixFileMode(sub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    }
                    catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
                    {
                        // Best effort: the retry says what is left.
                    }
                }
            }
        }
    }
}
