namespace McpShim.Inspection;

/// <summary>One value of an effective profile and where it came from ("built-in", a file, "default", "env NAME"...).</summary>
internal sealed record EffectiveSetting(string Key, string Value, string Origin);
