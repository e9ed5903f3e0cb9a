using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>One runtime of <c>GET /info</c>'s <c>Runtimes</c>: the program and the arguments the engine gives it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class EngineRuntime
{
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("runtimeArgs")]
    public string[]? RuntimeArgs { get; init; }
}
