namespace McpShim.IntegrationTests.Differential;

/// <summary>One fuzz run: how many frames from which seed, through which mcpshim, into which sink server.</summary>
internal sealed record FuzzOptions(string ShimPath, IReadOnlyList<string> SinkCommand, string WorkFolder)
{
    public const string DeniedTool = "delete_all";

    public long Frames { get; init; } = 20_000;

    public int Seed { get; init; } = 13;

    public long MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>The profile has <c>tools.deny: ["delete_all"]</c>; without it only audit completeness is at stake.</summary>
    public bool Policy { get; init; } = true;

    /// <summary>Peak RSS mcpshim may reach: a fixed base plus a few frames' worth.</summary>
    public long MemoryBoundBytes => 64L * 1024 * 1024 + 6 * MaxFrameBytes;
}
