using System.Text.Json.Serialization;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// The body of <c>POST /containers/create</c> for a run-mode session (issue 14): <c>docker run -i --rm</c> as typed
/// JSON. Stdin is open and attached once (closing it ends the server's stdin); no TTY, so stdout and stderr come
/// multiplexed and bytes pass unchanged. The environment, secrets included, travels here, never in any argv.
/// </summary>
internal sealed class ContainerCreateRequest
{
    [JsonPropertyName("Image")]
    public required string Image { get; init; }

    /// <summary><c>UID:GID</c>.</summary>
    [JsonPropertyName("User")]
    public required string User { get; init; }

    [JsonPropertyName("AttachStdin")]
    public bool AttachStdin { get; init; } = true;

    [JsonPropertyName("AttachStdout")]
    public bool AttachStdout { get; init; } = true;

    [JsonPropertyName("AttachStderr")]
    public bool AttachStderr { get; init; } = true;

    [JsonPropertyName("OpenStdin")]
    public bool OpenStdin { get; init; } = true;

    /// <summary>Closes the container's stdin when the attached client's stdin ends, as <c>docker run -i</c> does.</summary>
    [JsonPropertyName("StdinOnce")]
    public bool StdinOnce { get; init; } = true;

    [JsonPropertyName("Tty")]
    public bool Tty { get; init; }

    /// <summary><c>NAME=value</c> entries.</summary>
    [JsonPropertyName("Env")]
    public required string[] Env { get; init; }

    /// <summary>The profile's command replaces the image's entrypoint and arguments entirely; null keeps the image's.</summary>
    [JsonPropertyName("Entrypoint")]
    public string[]? Entrypoint { get; init; }

    [JsonPropertyName("Cmd")]
    public string[]? Cmd { get; init; }

    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }

    [JsonPropertyName("Labels")]
    public required Dictionary<string, string> Labels { get; init; }

    [JsonPropertyName("HostConfig")]
    public required HostConfigRequest HostConfig { get; init; }
}
