namespace McpShim.Inspection;

/// <summary>Colour only for a person at a terminal: stdout not redirected, and NO_COLOR (no-color.org) unset or empty.</summary>
internal static class TerminalColour
{
    public static bool ForStandardOutput() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
