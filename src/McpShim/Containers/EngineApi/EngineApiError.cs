using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>The body of an Engine API error: <c>{"message":"No such container: x"}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class EngineApiError
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
