namespace McpShim.Platform;

/// <summary>Whether bytes wait to be read from a pipe or socket, without reading them (FIONREAD; Linux).</summary>
internal static class PendingInput
{
    private const nuint FionRead = 0x541B;

    /// <summary>The bytes waiting in <paramref name="stream"/>'s pipe or socket; -1 where that cannot be told.</summary>
    public static unsafe int Bytes(Stream stream)
    {
        var fd = OperatingSystem.IsLinux() ? UnixProcesses.DescriptorOf(stream) : -1;
        if (fd < 0)
            return -1;
        try
        {
            var waiting = 0;
            return LibC.ioctl(fd, FionRead, &waiting) == 0 ? waiting : -1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }
}
