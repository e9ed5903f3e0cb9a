namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A Docker test that also needs root (to create a second OS user). Skipped with the reason on a developer's machine;
/// under MCPSHIM_REQUIRE_DOCKER=1 (CI, which runs as root) it runs and fails if it cannot.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RootDockerFactAttribute : DockerFactAttribute
{
    public RootDockerFactAttribute()
    {
        if (Skip is null && Environment.UserName != "root" && Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") != "1")
            Skip = "needs root to create a second OS user (CI runs it as root)";
    }
}
