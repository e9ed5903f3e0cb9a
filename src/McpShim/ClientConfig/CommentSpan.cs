namespace McpShim.ClientConfig;

/// <summary>A comment of a TOML or YAML text and where it starts (a class, not a tuple: LINQ over value types bloats the AOT binary).</summary>
internal sealed record CommentSpan(string Text, int Start);
