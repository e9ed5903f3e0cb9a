using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>What mcpshim reads of <c>GET /info</c> (<c>docker info</c>): the runtimes containers may run under (issue 19).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class EngineInfo
{
    /// <summary>Runtime name to its registration, as in daemon.json's <c>runtimes</c>.</summary>
    [JsonPropertyName("Runtimes")]
    public Dictionary<string, EngineRuntime>? Runtimes { get; init; }

    [JsonPropertyName("DefaultRuntime")]
    public string? DefaultRuntime { get; init; }
}
