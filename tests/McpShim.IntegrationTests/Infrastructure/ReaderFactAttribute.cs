namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>The <see cref="ReaderTheoryAttribute"/> rule for a single test (hostile answers, the fuzzer).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ReaderFactAttribute : FactAttribute
{
    public ReaderFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") != "1" && ReaderServer.WhyMissing is { } reason)
            Skip = $"needs the reader servers: {reason}";
    }
}
