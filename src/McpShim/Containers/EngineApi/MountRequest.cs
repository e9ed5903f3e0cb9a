using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>One entry of <c>HostConfig.Mounts</c> in <c>POST /containers/create</c>: typed, so a path is only a path.</summary>
internal sealed class MountRequest
{
    /// <summary><c>bind</c>, <c>volume</c> or <c>tmpfs</c>.</summary>
    [JsonPropertyName("Type")]
    public required string Type { get; init; }

    /// <summary>The host path or volume name; absent for a tmpfs.</summary>
    [JsonPropertyName("Source")]
    public string? Source { get; init; }

    [JsonPropertyName("Target")]
    public required string Target { get; init; }

    [JsonPropertyName("ReadOnly")]
    public bool ReadOnly { get; init; }

    [JsonPropertyName("TmpfsOptions")]
    public TmpfsOptionsRequest? TmpfsOptions { get; init; }
}
