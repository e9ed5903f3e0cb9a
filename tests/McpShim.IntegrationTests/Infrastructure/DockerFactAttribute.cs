namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A test that needs a reachable container engine. Without one it is skipped with the reason, unless
/// MCPSHIM_REQUIRE_DOCKER=1 (CI), where a missing engine must fail the run instead of hiding it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") == "1")
            return;
        if (Docker.WhyUnreachable is { } reason)
            Skip = $"needs a container engine: {reason} (set MCPSHIM_REQUIRE_DOCKER=1 to fail instead of skip)";
    }
}
