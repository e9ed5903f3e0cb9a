using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>The body of <c>POST /exec/{id}/start</c>: attached (the connection becomes the exec's stdio), no TTY.</summary>
internal sealed class ExecStartRequest
{
    [JsonPropertyName("Detach")]
    public bool Detach { get; init; }

    [JsonPropertyName("Tty")]
    public bool Tty { get; init; }
}
