using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary><c>TmpfsOptions</c> of a tmpfs mount.</summary>
internal sealed class TmpfsOptionsRequest
{
    [JsonPropertyName("SizeBytes")]
    public long SizeBytes { get; init; }
}
