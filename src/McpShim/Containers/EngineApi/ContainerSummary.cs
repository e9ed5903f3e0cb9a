using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>One entry of <c>GET /containers/json</c> (what <c>docker ps</c> lists).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ContainerSummary
{
    [JsonPropertyName("Id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The names with the engine's leading slash: <c>/mcpshim-memory-1a2b</c>.</summary>
    [JsonPropertyName("Names")]
    public string[]? Names { get; init; }

    [JsonPropertyName("Labels")]
    public Dictionary<string, string>? Labels { get; init; }
}
