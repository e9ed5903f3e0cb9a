namespace McpShim.Containers;

/// <summary>
/// Which engine a profile's calls go to when not the local default (issue 6): a host URL or a context name, handed to
/// the engine CLI as DOCKER_HOST / DOCKER_CONTEXT (CONTAINER_HOST / CONTAINER_CONNECTION for podman).
/// </summary>
internal sealed record EngineEndpoint(string? Host, string? Context)
{
    /// <summary>For messages and headings: <c>tcp://build-box:2375</c> or <c>context build-box</c>.</summary>
    public override string ToString() => Host ?? $"context {Context}";

    public static bool IsPodman(string enginePath) =>
        Path.GetFileNameWithoutExtension(enginePath).Contains("podman", StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets this endpoint in an engine CLI environment, removing the variable that would override it.</summary>
    public void ApplyTo(IDictionary<string, string> environment, string enginePath)
    {
        var podman = IsPodman(enginePath);
        var hostVariable = podman ? "CONTAINER_HOST" : "DOCKER_HOST";
        var contextVariable = podman ? "CONTAINER_CONNECTION" : "DOCKER_CONTEXT";
        if (Host is not null)
        {
            environment[hostVariable] = Host;
            environment.Remove(contextVariable);
        }
        else if (Context is not null)
        {
            environment[contextVariable] = Context;
            environment.Remove(hostVariable);
        }
    }
}
