using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Secrets;

/// <summary>
/// Refuses files whose permissions let other users read secrets or point your client at their image: Unix modes on
/// Linux and macOS, the ACL on Windows (<see cref="IFileAccess"/>).
/// </summary>
internal static class FileModeCheck
{
    /// <summary>A profiles file others can change could send your client to their image.</summary>
    public static void RefuseWritableByOthers(string file, string what)
    {
        if (ShimPlatform.Current.Files.OthersCanWrite(file) is { } problem)
        {
            throw new ConfigException(
                $"{file}: the {what} is writable by other users ({problem.Detail}), who could point your MCP client at " +
                $"their own image. Fix: {problem.Fix}");
        }
    }

    /// <summary>A secrets file must be yours alone.</summary>
    public static void RefuseReadableByOthers(string file, string what)
    {
        if (ShimPlatform.Current.Files.OthersCanReadOrWrite(file) is { } problem)
            throw new ConfigException(ReadableByOthers(file, what, problem));
    }

    public static string ReadableByOthers(string file, string what, AccessProblem problem) =>
        $"{file}: the {what} can be read or changed by other users ({problem.Detail}). Fix: {problem.Fix}";
}
