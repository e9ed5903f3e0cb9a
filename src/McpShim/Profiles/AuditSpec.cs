using McpShim.Audit;

namespace McpShim.Profiles;

/// <summary><c>audit</c> in the profiles file.</summary>
internal sealed class AuditSpec
{
    public string? Path { get; init; }

    public ArgumentsMode? Arguments { get; init; }
}
