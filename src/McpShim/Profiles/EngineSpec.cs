using System.Text.Json.Serialization;
using McpShim.Json;

namespace McpShim.Profiles;

/// <summary>
/// A profile's engine: <c>"docker"</c> (a name or a path), or <c>{ "name": "docker", "host": "tcp://build-box:2375" }</c>
/// or <c>{ "name": "docker", "context": "build-box" }</c> for a remote engine (issue 6).
/// </summary>
[JsonConverter(typeof(EngineSpecConverter))]
internal sealed class EngineSpec
{
    public string? Name { get; init; }

    /// <summary>A DOCKER_HOST URL (CONTAINER_HOST for podman), e.g. <c>tcp://build-box:2375</c>, <c>ssh://me@box</c>.</summary>
    public string? Host { get; init; }

    /// <summary>A docker context name (a podman connection name).</summary>
    public string? Context { get; init; }
}
