namespace McpShim.Updates;

/// <summary>What <c>mcpshim update</c> did to one profile's image.</summary>
internal sealed record UpdateOutcome(string Profile, string Image, string? OldId, string? NewId, string How)
{
    public bool Changed => OldId != NewId;
}
