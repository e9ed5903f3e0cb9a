namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>gVisor's runsc as the engine knows it (issue 19): CI installs Debian's and registers it (.ci/register-runsc).</summary>
internal static class Gvisor
{
    public const string Runtime = "runsc";

    private static readonly Lazy<string?> MissingReason = new(Probe);

    /// <summary>Why the engine cannot run containers under runsc, or null.</summary>
    public static string? WhyMissing => MissingReason.Value;

    private static string? Probe()
    {
        if (Docker.WhyUnreachable is { } unreachable)
            return unreachable;
        var result = ProcessRunner.RunAsync(Docker.Engine, ["info", "--format", "{{json .Runtimes}}"], timeout: TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        return result.Succeeded && result.Stdout.Contains($"\"{Runtime}\"", StringComparison.Ordinal)
            ? null
            : $"the engine has no '{Runtime}' runtime (its runtimes: {result.Stdout.Trim()}); run .ci/register-runsc as root after 'apt-get install runsc'";
    }
}
