namespace McpShim.Platform;

/// <summary>The process's own stdin/stdout as byte streams for the relay.</summary>
internal static class StandardStreams
{
    public static Stream OpenInput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardInput() : new FdStream(0, canRead: true);

    public static Stream OpenOutput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new FdStream(1, canRead: false);
}
