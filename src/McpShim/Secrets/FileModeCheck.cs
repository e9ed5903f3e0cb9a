using McpShim.Profiles;

namespace McpShim.Secrets;

/// <summary>
/// Refuses files whose permissions let other users read secrets or point your client at their image. Unix modes
/// only; on Windows this is the ACL check's job.
/// </summary>
internal static class FileModeCheck
{
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode GroupOrOtherAny = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                                 UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>A profiles file others can change could send your client to their image.</summary>
    public static void RefuseWritableByOthers(string file, string what)
    {
        if (OperatingSystem.IsWindows())
            return;
        var mode = File.GetUnixFileMode(file);
        if ((mode & GroupOrOtherWrite) != 0)
        {
            throw new ConfigException(
                $"{file}: the {what} is writable by other users ({Format(mode)}), who could point your MCP client at " +
                $"their own image. Fix: chmod go-w '{file}'");
        }
    }

    /// <summary>A secrets file must be yours alone.</summary>
    public static void RefuseReadableByOthers(string file, string what)
    {
        if (OperatingSystem.IsWindows())
            return;
        var mode = File.GetUnixFileMode(file);
        if ((mode & GroupOrOtherAny) != 0)
        {
            throw new ConfigException(
                $"{file}: the {what} can be read or changed by other users ({Format(mode)}). Fix: chmod 600 '{file}'");
        }
    }

    private static string Format(UnixFileMode mode) => "mode " + Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
