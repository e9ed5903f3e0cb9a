using McpShim.Containers;

namespace McpShim.Inspection;

/// <summary>One engine to inspect, and the profiles that use it when it is a remote one.</summary>
internal sealed record EngineTarget(EngineCli Cli, IReadOnlyList<string> Profiles)
{
    public bool IsRemote => Cli.Endpoint is not null;

    /// <summary>A heading line: <c>engine tcp://build-box:2375 (profiles: github, browser)</c>.</summary>
    public string Heading => IsRemote
        ? $"engine {Cli.Endpoint} (profiles: {string.Join(", ", Profiles)})"
        : $"engine {Cli.Engine} (its default endpoint)";
}
