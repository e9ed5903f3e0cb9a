using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>The answer to <c>POST /containers/{name}/exec</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ExecCreateResponse
{
    [JsonPropertyName("Id")]
    public string? Id { get; init; }
}
