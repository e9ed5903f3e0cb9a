namespace McpShim.Audit;

/// <summary>The fields every audit line of a session carries.</summary>
internal sealed record SessionIdentity(string Session, string Profile, string User, string? Image);
