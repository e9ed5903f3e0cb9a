using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary><c>.State</c> of a container inspection.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ContainerInspectionState
{
    [JsonPropertyName("Running")]
    public bool Running { get; init; }

    /// <summary>The container's first process as the host sees it; 0 when it does not run.</summary>
    [JsonPropertyName("Pid")]
    public int Pid { get; init; }
}
