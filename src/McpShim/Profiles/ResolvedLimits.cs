namespace McpShim.Profiles;

/// <summary>Resource limits after defaults (every container gets all three).</summary>
internal sealed record ResolvedLimits(string Memory, double Cpus, int Pids)
{
    public static ResolvedLimits Default { get; } = new("512m", 1.0, 256);
}
