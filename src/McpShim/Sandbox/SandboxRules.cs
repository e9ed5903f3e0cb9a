namespace McpShim.Sandbox;

/// <summary>
/// What the launcher (<c>mcpshim __sandbox-exec</c>) applies before it executes the server. It travels on the
/// launcher's stdin, ahead of the client's first frame (<see cref="SandboxRulesChannel"/>): never in argv, where
/// every local user could read it.
/// </summary>
internal sealed class SandboxRules
{
    /// <summary>The program to execute, resolved on PATH (argv[0] stays as the profile wrote it).</summary>
    public required string Executable { get; init; }

    public required List<SandboxPath> Paths { get; init; }

    public SandboxNetwork Network { get; init; } = SandboxNetwork.None;

    public int[] ConnectPorts { get; init; } = [];

    /// <summary>RLIMIT_DATA in bytes (the profile's memory limit), or null for none.</summary>
    public long? MemoryBytes { get; init; }
}
