namespace McpShim.Inspection;

/// <summary>One row of <c>mcpshim status</c>: a managed container, its usage and its owner.</summary>
internal sealed record ContainerStatus
{
    public required string Name { get; init; }

    public required string Profile { get; init; }

    public required string Mode { get; init; }

    /// <summary>The engine's state: running, exited, created, paused...</summary>
    public required string State { get; init; }

    /// <summary>When the container last started; null when it never did.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>CPU use as the engine reports it ("0.25%"); null when not running or unknown.</summary>
    public string? Cpu { get; init; }

    /// <summary>Memory in use ("120.5MiB"); null when not running or unknown.</summary>
    public string? Memory { get; init; }

    /// <summary>The image id the container runs (sha256:...).</summary>
    public string? ImageId { get; init; }

    public required string OwnerUser { get; init; }

    /// <summary>The owning mcpshim's pid (run mode: the session; exec mode: the session that created it).</summary>
    public string? OwnerPid { get; init; }

    /// <summary>True when the owning mcpshim is known to be gone (it ran on this host).</summary>
    public bool OwnerDead { get; init; }
}
