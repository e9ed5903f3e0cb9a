namespace McpShim.Platform;

/// <summary>The Unix decision over a file's mode bits, kept apart from the file system so any OS can test it.</summary>
internal static class UnixModeRules
{
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode GroupOrOtherAny = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                                 UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static AccessProblem? OthersCanWrite(string file, UnixFileMode mode) =>
        (mode & GroupOrOtherWrite) != 0 ? new AccessProblem(Format(mode), $"chmod go-w '{file}'") : null;

    public static AccessProblem? OthersCanReadOrWrite(string file, UnixFileMode mode) =>
        (mode & GroupOrOtherAny) != 0 ? new AccessProblem(Format(mode), $"chmod 600 '{file}'") : null;

    public static string Format(UnixFileMode mode) => "mode " + Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
