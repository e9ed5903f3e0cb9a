using System.Text.Json.Serialization;

namespace McpShim.Containers;

/// <summary>The parts of <c>docker image inspect</c> mcpshim uses.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ImageInspection
{
    [JsonPropertyName("Id")]
    public string? Id { get; init; }

    [JsonPropertyName("Config")]
    public ImageConfig? Config { get; init; }
}
