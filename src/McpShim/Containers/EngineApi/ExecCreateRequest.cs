using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>The body of <c>POST /containers/{name}/exec</c>. The environment travels here, never in any argv.</summary>
internal sealed class ExecCreateRequest
{
    [JsonPropertyName("AttachStdin")]
    public bool AttachStdin { get; init; } = true;

    [JsonPropertyName("AttachStdout")]
    public bool AttachStdout { get; init; } = true;

    [JsonPropertyName("AttachStderr")]
    public bool AttachStderr { get; init; } = true;

    /// <summary>No TTY: stdout and stderr come multiplexed (see <see cref="ExecOutputStream"/>) and bytes pass unchanged.</summary>
    [JsonPropertyName("Tty")]
    public bool Tty { get; init; }

    [JsonPropertyName("Cmd")]
    public required string[] Cmd { get; init; }

    /// <summary><c>NAME=value</c> entries.</summary>
    [JsonPropertyName("Env")]
    public required string[] Env { get; init; }

    /// <summary>The server's user: the warm container's own runs its keep-alive only (see <see cref="WarmContainer.KeepAliveUser"/>).</summary>
    [JsonPropertyName("User")]
    public string? User { get; init; }

    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }
}
