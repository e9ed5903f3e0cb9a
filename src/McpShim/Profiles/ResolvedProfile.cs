using McpShim.Audit;

namespace McpShim.Profiles;

/// <summary>A profile after defaults, validation and path resolution: everything needed to start a session.</summary>
internal sealed record ResolvedProfile
{
    public const double DefaultGraceSeconds = 2.0;
    public const long DefaultMaxFrameBytes = 128L * 1024 * 1024;
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromHours(24);

    public required string Name { get; init; }

    public required string Source { get; init; }

    public required ProfileMode Mode { get; init; }

    public string? Image { get; init; }

    /// <summary>The resolved build folder <c>mcpshim update</c> rebuilds from; null means it pulls.</summary>
    public string? BuildContext { get; init; }

    public UpdatePolicy Update { get; init; } = UpdatePolicy.Manual;

    public TimeSpan CheckInterval { get; init; } = DefaultCheckInterval;

    /// <summary>The server command; null means the image's own entrypoint and command.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    public IReadOnlyList<ResolvedVolume> Volumes { get; init; } = [];

    public string Network { get; init; } = "none";

    /// <summary>The engine runtime to run the container under (<c>runsc</c>, ...); null: the engine's default, usually runc (issue 19).</summary>
    public string? Runtime { get; init; }

    public ResolvedLimits Limits { get; init; } = ResolvedLimits.Default;

    public string Engine { get; init; } = "docker";

    /// <summary>A remote engine's host or context; null for the engine CLI's own default.</summary>
    public Containers.EngineEndpoint? EngineEndpoint { get; init; }

    public string? User { get; init; }

    public string? Workdir { get; init; }

    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(DefaultGraceSeconds);

    public long MaxFrameBytes { get; init; } = DefaultMaxFrameBytes;

    public IReadOnlyList<SecretSpec> Secrets { get; init; } = [];

    public SecretsDelivery SecretsAs { get; init; } = SecretsDelivery.Env;

    public string SecretsFile { get; init; } = McpShim.Secrets.SecretsFile.DefaultPath;

    /// <summary>Real paths bind mounts may come from.</summary>
    public IReadOnlyList<string> AllowedRoots { get; init; } = [];

    /// <summary>One line per thing the profile's <c>unsafe</c> list allowed and uses: warned each session.</summary>
    public IReadOnlyList<string> UnsafeWarnings { get; init; } = [];

    public RiskLevel Risk { get; init; } = RiskLevel.Low;

    /// <summary>Mode local: the host sandbox's settings (issue 16).</summary>
    public McpShim.Sandbox.SandboxSettings Sandbox { get; init; } = McpShim.Sandbox.SandboxSettings.Off;

    public bool Privileged { get; init; }

    public bool PidHost { get; init; }

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public bool ReadOnlyRoot { get; init; } = true;

    /// <summary>The tool policy; null when the profile has none (then the relay does not look at tools at all).</summary>
    public McpShim.Policy.ToolPolicy? Policy { get; init; }

    public required string AuditPath { get; init; }

    public ArgumentsMode AuditArguments { get; init; } = ArgumentsMode.Keys;
}
