namespace McpShim.Platform;

/// <summary>open(2) flag values, which differ between Linux and the BSDs (macOS).</summary>
internal sealed record OpenFlags(int WriteOnly, int Create, int Append, int CloseOnExec)
{
    public static OpenFlags Linux { get; } = new(0x1, 0x40, 0x400, 0x80000);

    public static OpenFlags MacOS { get; } = new(0x1, 0x200, 0x8, 0x1000000);
}
