namespace McpShim.Platform;

/// <summary>
/// Address space reserved up front and backed by the OS only page by page, as it is first written: a buffer sized for
/// the largest frame allowed costs the memory of the frame it holds, and grows without being copied. Unix only
/// (a private anonymous mapping); elsewhere <see cref="TryReserve"/> says no and the caller grows an array instead.
/// </summary>
internal static class ReservedMemory
{
    private const int ProtectReadWrite = 0x1 | 0x2;
    private const int MapPrivate = 0x02;
    private static readonly nint Failed = -1;

    /// <summary>Reserves <paramref name="bytes"/>; zero where the OS offers no such mapping or refuses it.</summary>
    public static nint TryReserve(nuint bytes)
    {
        // MAP_ANONYMOUS and MAP_NORESERVE (no swap is set aside for pages never touched) differ by OS.
        int flags;
        if (OperatingSystem.IsLinux())
            flags = MapPrivate | 0x20 | 0x4000;
        else if (OperatingSystem.IsMacOS())
            flags = MapPrivate | 0x1000;
        else
            return 0;
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

    /// <summary>Gives the whole reservation back, the pages written included.</summary>
    public static void Free(nint address, nuint bytes)
    {
        if (address != 0)
            _ = LibC.munmap(address, bytes);
    }
}
