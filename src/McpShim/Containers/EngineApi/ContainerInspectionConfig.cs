using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary><c>.Config</c> of a container inspection.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ContainerInspectionConfig
{
    [JsonPropertyName("Labels")]
    public Dictionary<string, string>? Labels { get; init; }
}
