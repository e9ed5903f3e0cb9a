namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A test that drives the TypeScript inspector CLI through mcpshim into a container: it needs node, the installed
/// client and an engine. It skips with the reason on a developer's machine and fails under MCPSHIM_REQUIRE_DOCKER=1 (CI).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InspectorFactAttribute : DockerFactAttribute
{
    public InspectorFactAttribute()
    {
        if (Skip is null && Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") != "1" && ThirdPartyClients.WhyInspectorMissing is { } reason)
            Skip = $"needs the inspector CLI: {reason}";
    }
}
