using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>The answer to <c>POST /containers/{id}/wait</c>, sent when the container has exited.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ContainerWaitResponse
{
    [JsonPropertyName("StatusCode")]
    public long StatusCode { get; init; }

    [JsonPropertyName("Error")]
    public EngineApiError? Error { get; init; }
}
