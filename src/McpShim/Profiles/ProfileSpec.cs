namespace McpShim.Profiles;

/// <summary>One entry of <c>profiles</c> in the profiles file, before defaults and path resolution.</summary>
internal sealed class ProfileSpec
{
    public string? Description { get; init; }

    /// <summary>What <c>mcpshim test</c> runs beyond its protocol and hardening checks (issue 5).</summary>
    public SmokeSpec? Smoke { get; init; }

    public string? Image { get; init; }

    /// <summary>A folder with a Dockerfile that <c>mcpshim update</c> rebuilds the image from (issue 6).</summary>
    public string? Build { get; init; }

    /// <summary><c>"manual"</c> (default) or <c>"startup"</c>: when the image is refreshed (issue 6).</summary>
    public UpdatePolicy? Update { get; init; }

    /// <summary>How often <c>"update": "startup"</c> checks, e.g. <c>"24h"</c> (default) or <c>"7d"</c>.</summary>
    public string? CheckInterval { get; init; }

    public ProfileMode? Mode { get; init; }

    public string[]? Command { get; init; }

    public Dictionary<string, string>? Env { get; init; }

    public VolumeSpec[]? Volumes { get; init; }

    public string? Network { get; init; }

    /// <summary>The engine's container runtime, e.g. <c>runsc</c> (gVisor); null: the engine's default (issue 19).</summary>
    public string? Runtime { get; init; }

    public LimitsSpec? Limits { get; init; }

    /// <summary>The engine CLI, and optionally a remote engine's host or context (issue 6).</summary>
    public EngineSpec? Engine { get; init; }

    /// <summary>Container user; defaults to the image's non-root user, else 65532.</summary>
    public string? User { get; init; }

    public string? Workdir { get; init; }

    /// <summary>Seconds between closing the server's stdin and stopping it.</summary>
    public double? GraceSeconds { get; init; }

    /// <summary>Largest frame relayed, in bytes.</summary>
    public long? MaxFrameBytes { get; init; }

    /// <summary>Which tools the client sees and may call, and how (issue 4).</summary>
    public PolicySpec? Policy { get; init; }

    public SecretSpec[]? Secrets { get; init; }

    public SecretsDelivery? SecretsAs { get; init; }

    /// <summary>Host folders this profile's volumes may come from (added to the file's <c>allowedRoots</c>).</summary>
    public string[]? AllowedRoots { get; init; }

    /// <summary>Explicit allowances for what is refused by default (see <see cref="UnsafeOptions"/>).</summary>
    public string[]? Unsafe { get; init; }

    public RiskLevel? Risk { get; init; }

    /// <summary>Mode local: more host paths the sandboxed server may read and execute (issue 16).</summary>
    public string[]? HostReadable { get; init; }

    /// <summary>Mode local with a network: the only TCP ports the sandboxed server may connect to (Landlock ABI 4+).</summary>
    public int[]? ConnectPorts { get; init; }

    public bool? Privileged { get; init; }

    /// <summary><c>"host"</c> shares the host's process namespace (unsafe).</summary>
    public string? Pid { get; init; }

    public string[]? CapAdd { get; init; }

    /// <summary>False makes the container's root filesystem writable (unsafe).</summary>
    public bool? ReadOnlyRoot { get; init; }
}
