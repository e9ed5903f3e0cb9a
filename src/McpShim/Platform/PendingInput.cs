namespace McpShim.Platform;

/// <summary>Bytes waiting in a pipe or socket, told without reading them (FIONREAD); for <see cref="LinuxProcessHost"/>.</summary>
internal static class PendingInput
{
    private const nuint FionRead = 0x541B; // Linux

    /// <summary>The bytes waiting in <paramref name="stream"/>'s pipe or socket; -1 where that cannot be told.</summary>
    public static unsafe int Bytes(Stream stream)
    {
        var fd = UnixProcesses.DescriptorOf(stream);
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
