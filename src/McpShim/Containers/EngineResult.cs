namespace McpShim.Containers;

/// <summary>The outcome of one engine CLI call.</summary>
internal sealed record EngineResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
