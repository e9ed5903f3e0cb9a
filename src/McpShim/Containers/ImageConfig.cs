using System.Text.Json.Serialization;

namespace McpShim.Containers;

/// <summary><c>.Config</c> of <c>docker image inspect</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ImageConfig
{
    [JsonPropertyName("User")]
    public string? User { get; init; }

    [JsonPropertyName("Entrypoint")]
    public string[]? Entrypoint { get; init; }

    [JsonPropertyName("Cmd")]
    public string[]? Cmd { get; init; }

    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }
}
