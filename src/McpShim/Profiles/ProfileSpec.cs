namespace McpShim.Profiles;

/// <summary>One entry of <c>profiles</c> in the profiles file, before defaults and path resolution.</summary>
internal sealed class ProfileSpec
{
    public string? Description { get; init; }

    public string? Image { get; init; }

    public ProfileMode? Mode { get; init; }

    public string[]? Command { get; init; }

    public Dictionary<string, string>? Env { get; init; }

    public VolumeSpec[]? Volumes { get; init; }

    public string? Network { get; init; }

    public LimitsSpec? Limits { get; init; }

    public string? Engine { get; init; }

    /// <summary>Container user; defaults to the image's non-root user, else 65532.</summary>
    public string? User { get; init; }

    public string? Workdir { get; init; }

    /// <summary>Seconds between closing the server's stdin and stopping it.</summary>
    public double? GraceSeconds { get; init; }

    /// <summary>Largest frame relayed, in bytes.</summary>
    public long? MaxFrameBytes { get; init; }
}
