using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary><c>.State</c> of a container inspection.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ContainerInspectionState
{
    [JsonPropertyName("Running")]
    public bool Running { get; init; }
}
