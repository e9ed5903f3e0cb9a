namespace McpShim.Inspection;

/// <summary>
/// What <c>mcpshim show</c> prints: the effective profile, the commands a session would run, and the names (never the
/// values) of the secrets and environment variables involved.
/// </summary>
internal sealed record ProfileReport
{
    public required string Name { get; init; }

    public required Profiles.ProfileMode Mode { get; init; }

    /// <summary>"built-in" or the profiles file that defines the profile.</summary>
    public required string DefinedIn { get; init; }

    /// <summary>True when the profiles file's profile replaces a built-in one of the same name (no field merging).</summary>
    public bool ReplacesBuiltIn { get; init; }

    public required IReadOnlyList<EffectiveSetting> Settings { get; init; }

    /// <summary>Secret names; those with a <c>from</c> command are marked, the command itself is not shown.</summary>
    public required IReadOnlyList<string> SecretNames { get; init; }

    public required IReadOnlyList<PlannedCommand> Commands { get; init; }

    /// <summary>Variables of your environment the engine CLI receives (present ones only).</summary>
    public required IReadOnlyList<string> EngineEnvironment { get; init; }

    /// <summary>
    /// Variables mcpshim adds for the server: in the engine CLI's environment, reaching the container by name
    /// (<c>-e NAME</c>); in local mode, on top of your own environment.
    /// </summary>
    public required IReadOnlyList<string> ServerEnvironment { get; init; }

    /// <summary>Why the image could not be inspected (the user shown is then the profile's or the fallback), else null.</summary>
    public string? ImageProblem { get; init; }

    /// <summary>Things to know before running it, e.g. bind mounts on a remote engine.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Mode local: the host sandbox a session would get (issue 16); null for containers.</summary>
    public SandboxReport? Sandbox { get; init; }
}
