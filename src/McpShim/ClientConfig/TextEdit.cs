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
        // Indexes, not (edit, index) tuples: LINQ over value types multiplies generic code in the AOT binary.
        var order = new int[edits.Count];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (x, y) => edits[x].Start != edits[y].Start ? edits[y].Start.CompareTo(edits[x].Start) : y.CompareTo(x));
        var result = text;
        foreach (var index in order)
        {
            var edit = edits[index];
            result = string.Concat(result.AsSpan(0, edit.Start), edit.Replacement, result.AsSpan(edit.End));
        }

        return result;
    }
}
