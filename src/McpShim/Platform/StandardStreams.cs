namespace McpShim.Platform;

/// <summary>The process's own stdin/stdout as byte streams for the relay.</summary>
internal static class StandardStreams
{
    public static Stream OpenInput()
    {
        if (OperatingSystem.IsWindows())
            return Console.OpenStandardInput();
        PipeTuning.Enlarge(0);
        return new FdStream(0, canRead: true);
    }

    public static Stream OpenOutput()
    {
        if (OperatingSystem.IsWindows())
            return Console.OpenStandardOutput();
        PipeTuning.Enlarge(1);
        return new FdStream(1, canRead: false);
    }
}
