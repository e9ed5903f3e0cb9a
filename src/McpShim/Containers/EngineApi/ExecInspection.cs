using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>The parts of <c>GET /exec/{id}/json</c> mcpshim uses.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed class ExecInspection
{
    [JsonPropertyName("Running")]
    public bool Running { get; init; }

    /// <summary>Null while the exec runs.</summary>
    [JsonPropertyName("ExitCode")]
    public int? ExitCode { get; init; }

    [JsonPropertyName("Pid")]
    public int Pid { get; init; }
}
