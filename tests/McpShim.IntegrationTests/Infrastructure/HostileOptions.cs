namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>How the profile in front of a reader server is set up for one hostile exchange.</summary>
internal sealed record HostileOptions
{
    public const long OneMiB = 1024 * 1024;

    /// <summary>Whether the profile has the policy <c>tools.deny: ["delete_all"]</c>.</summary>
    public bool Policy { get; init; } = true;

    public long MaxFrameBytes { get; init; } = OneMiB;

    /// <summary>Extra environment for the server (e.g. the hostile server's mode).</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();
}
