namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A differential test: it needs node, tests/clients installed, python3 and the built C# SDK server, no container
/// engine. It skips with the reason on a developer's machine and fails under MCPSHIM_REQUIRE_DOCKER=1 (CI).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ReaderTheoryAttribute : TheoryAttribute
{
    public ReaderTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") != "1" && ReaderServer.WhyMissing is { } reason)
            Skip = $"needs the reader servers: {reason}";
    }
}
