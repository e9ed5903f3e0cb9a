using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>The parts of <c>GET /containers/{name}/json</c> (the document <c>docker container inspect</c> prints) mcpshim uses.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ContainerInspection
{
    [JsonPropertyName("Id")]
    public string? Id { get; init; }

    [JsonPropertyName("State")]
    public ContainerInspectionState? State { get; init; }

    [JsonPropertyName("Config")]
    public ContainerInspectionConfig? Config { get; init; }

    /// <summary>A label's value, or null when the container has no such label.</summary>
    public string? Label(string name) => Config?.Labels?.GetValueOrDefault(name);
}
