namespace McpShim.Tests.Support;

/// <summary>Tests that read or set process environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentDependentTests
{
    public const string Name = "environment";
}
