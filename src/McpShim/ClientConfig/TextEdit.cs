namespace McpShim.ClientConfig;

/// <summary>Replace <c>text[Start..End]</c> with <see cref="Replacement"/> (an insertion when Start equals End).</summary>
internal readonly record struct TextEdit(int Start, int End, string Replacement)
{
    /// <summary>
    /// Applies non-overlapping edits from the end of the text backwards, so earlier positions stay valid. Edits at the
    /// same position land in list order (a comma listed before a member comes out before it).
    /// </summary>
    public static string Apply(string text, IReadOnlyList<TextEdit> edits)
    {
        var result = text;
        foreach (var (edit, _) in edits.Select((e, i) => (e, i)).OrderByDescending(x => x.e.Start).ThenByDescending(x => x.i))
            result = string.Concat(result.AsSpan(0, edit.Start), edit.Replacement, result.AsSpan(edit.End));
        return result;
    }
}
