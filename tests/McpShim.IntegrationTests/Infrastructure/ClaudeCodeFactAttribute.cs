namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A test that drives Claude Code's CLI against mcpshim into a container: it needs the installed client and an engine.
/// It skips with the reason on a developer's machine and fails under MCPSHIM_REQUIRE_DOCKER=1 (CI).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ClaudeCodeFactAttribute : DockerFactAttribute
{
    public ClaudeCodeFactAttribute()
    {
        if (Skip is null && Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") != "1" && ThirdPartyClients.WhyClaudeCodeMissing is { } reason)
            Skip = $"needs Claude Code: {reason}";
    }
}
