namespace McpShim.Platform;

/// <summary>open(2) flag values, which differ between Linux and the BSDs (macOS).</summary>
internal static class OpenFlags
{
    internal static int WriteOnly => 0x1;

    internal static int Create => OperatingSystem.IsMacOS() ? 0x200 : 0x40;

    internal static int Append => OperatingSystem.IsMacOS() ? 0x8 : 0x400;

    internal static int CloseOnExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;
}
