using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// <c>HostConfig</c> of <c>POST /containers/create</c>: the hardening of README "Hardening", field by field, as
/// <see cref="HardeningFlags"/> gives it to the CLI.
/// </summary>
internal sealed class HostConfigRequest
{
    [JsonPropertyName("AutoRemove")]
    public bool AutoRemove { get; init; }

    [JsonPropertyName("ReadonlyRootfs")]
    public bool ReadonlyRootfs { get; init; }

    /// <summary>Mount point to options: <c>{"/tmp": "rw,nosuid,nodev,size=64m"}</c>.</summary>
    [JsonPropertyName("Tmpfs")]
    public required Dictionary<string, string> Tmpfs { get; init; }

    [JsonPropertyName("CapDrop")]
    public required string[] CapDrop { get; init; }

    [JsonPropertyName("CapAdd")]
    public string[]? CapAdd { get; init; }

    [JsonPropertyName("Privileged")]
    public bool Privileged { get; init; }

    /// <summary><c>host</c>, or absent for the container's own.</summary>
    [JsonPropertyName("PidMode")]
    public string? PidMode { get; init; }

    [JsonPropertyName("SecurityOpt")]
    public required string[] SecurityOpt { get; init; }

    [JsonPropertyName("PidsLimit")]
    public long PidsLimit { get; init; }

    /// <summary>Bytes.</summary>
    [JsonPropertyName("Memory")]
    public long Memory { get; init; }

    /// <summary>Billionths of a CPU.</summary>
    [JsonPropertyName("NanoCpus")]
    public long NanoCpus { get; init; }

    [JsonPropertyName("NetworkMode")]
    public required string NetworkMode { get; init; }

    /// <summary>The engine runtime (<c>runsc</c>, ...); absent for the engine's default (issue 19).</summary>
    [JsonPropertyName("Runtime")]
    public string? Runtime { get; init; }

    [JsonPropertyName("Init")]
    public bool Init { get; init; }

    [JsonPropertyName("Mounts")]
    public required MountRequest[] Mounts { get; init; }
}
