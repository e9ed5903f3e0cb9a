namespace McpShim.Platform;

/// <summary>
/// Address space reserved up front and backed by the OS only page by page, as it is first written: a buffer sized for
/// the largest frame allowed costs the memory of the frame it holds, and grows without being copied. A private
/// anonymous mapping on Unix (<see cref="IProcessHost.ReserveMemory"/> says which flags); elsewhere there is none.
/// </summary>
internal static class ReservedMemory
{
    private const int ProtectReadWrite = 0x1 | 0x2;
    private static readonly nint Failed = -1;

    /// <summary>MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE (no swap set aside for pages never touched), Linux values.</summary>
    public const int LinuxFlags = 0x02 | 0x20 | 0x4000;

    /// <summary>MAP_PRIVATE | MAP_ANON, macOS values.</summary>
    public const int MacFlags = 0x02 | 0x1000;

    /// <summary>Maps <paramref name="bytes"/> with <paramref name="flags"/>; zero when the OS refuses.</summary>
    public static nint Map(nuint bytes, int flags)
    {
        try
        {
            var address = LibC.mmap(0, bytes, ProtectReadWrite, flags, -1, 0);
            return address == Failed ? 0 : address;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>Gives a reservation back whole, the pages written included.</summary>
    public static void Free(nint address, nuint bytes)
    {
        if (address != 0)
            _ = LibC.munmap(address, bytes);
    }
}
