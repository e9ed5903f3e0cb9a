namespace McpShim.Profiles;

/// <summary>Resource limits after defaults (every container gets all three).</summary>
internal sealed record ResolvedLimits(string Memory, double Cpus, int Pids)
{
    public static ResolvedLimits Default { get; } = new("512m", 1.0, 256);

    /// <summary><see cref="Memory"/> in bytes, as the Engine API takes it (checked when the profile was resolved).</summary>
    public long MemoryBytes => MemorySize.Parse(Memory, out var problem) ?? throw new InvalidOperationException(problem);

    /// <summary><see cref="Cpus"/> in billionths of a CPU, as the Engine API takes it.</summary>
    public long NanoCpus => (long)Math.Round(Cpus * 1e9);
}
