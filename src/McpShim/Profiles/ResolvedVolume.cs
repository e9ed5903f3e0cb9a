namespace McpShim.Profiles;

/// <summary>A bind mount with an absolute host path, or (when <see cref="Named"/>) a named engine volume.</summary>
internal sealed record ResolvedVolume(string Host, string Container, bool ReadOnly, bool Named = false);
