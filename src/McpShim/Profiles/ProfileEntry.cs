namespace McpShim.Profiles;

/// <summary>A named profile as found, with the file (or "built-in") it came from.</summary>
internal sealed record ProfileEntry(string Name, ProfileSpec Spec, string Source, string BaseFolder);
