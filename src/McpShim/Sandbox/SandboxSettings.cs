namespace McpShim.Sandbox;

/// <summary>
/// A local profile's sandbox words after validation (issue 16): on unless <c>"unsafe": ["unsandboxed"]</c>, the
/// extra read-only paths of <c>hostReadable</c> (real paths) and the TCP ports of <c>connectPorts</c>.
/// </summary>
internal sealed record SandboxSettings(bool Enabled, IReadOnlyList<string> HostReadable, IReadOnlyList<int> ConnectPorts)
{
    /// <summary>
    /// No sandbox. Only <see cref="Profiles.ProfileResolver"/> makes profiles in mcpshim itself, and it turns the
    /// sandbox on for every local profile; this default serves profiles tests build by hand.
    /// </summary>
    public static SandboxSettings Off { get; } = new(false, [], []);

    public static SandboxSettings On { get; } = new(true, [], []);
}
