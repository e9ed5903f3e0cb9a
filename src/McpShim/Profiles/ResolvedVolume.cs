namespace McpShim.Profiles;

/// <summary>A bind mount with an absolute host path.</summary>
internal sealed record ResolvedVolume(string Host, string Container, bool ReadOnly);
