using McpShim.Benchmarks.Processes;

namespace McpShim.Benchmarks;

/// <summary>A set-up measured against A (direct): its middle man, its session, and whether it still runs.</summary>
internal sealed class Contender(MiddleMan middle)
{
    public MiddleMan Middle => middle;

    public ShimTrial Trial { get; } = new(middle.MissingReason, middle.Name);

    public ChildSession? Session { get; set; }

    public bool Measured => Trial.FailureReason is null;
}
