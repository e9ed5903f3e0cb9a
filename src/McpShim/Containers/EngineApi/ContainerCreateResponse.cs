using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>The answer to <c>POST /containers/create</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ContainerCreateResponse
{
    [JsonPropertyName("Id")]
    public string? Id { get; init; }
}
