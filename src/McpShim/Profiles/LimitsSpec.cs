namespace McpShim.Profiles;

/// <summary>Resource limits: <c>{ "memory": "512m", "cpus": 1.0, "pids": 256 }</c>.</summary>
internal sealed class LimitsSpec
{
    public string? Memory { get; init; }

    public double? Cpus { get; init; }

    public int? Pids { get; init; }
}
