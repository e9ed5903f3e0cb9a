namespace McpShim.ClientConfig;

/// <summary>The file's text after merging, and which entries were added, replaced, or already right.</summary>
internal sealed record MergeResult(string Text, IReadOnlyList<string> Added, IReadOnlyList<string> Replaced, IReadOnlyList<string> Unchanged)
{
    public bool Changed => Added.Count > 0 || Replaced.Count > 0;
}
