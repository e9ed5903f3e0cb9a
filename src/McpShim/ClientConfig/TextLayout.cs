namespace McpShim.ClientConfig;

/// <summary>
/// The style of an existing file, so inserted text looks like the rest of it: its line break (LF or CRLF) and its
/// indent unit (tabs or N spaces; two spaces when the file does not show one).
/// </summary>
internal sealed class TextLayout
{
    private readonly string _text;

    public TextLayout(string text)
    {
        _text = text;
        var lf = text.IndexOf('\n', StringComparison.Ordinal);
        NewLine = lf > 0 && text[lf - 1] == '\r' ? "\r\n" : "\n";
        IndentUnit = DetectIndentUnit(text);
    }

    public string NewLine { get; }

    public string IndentUnit { get; }

    /// <summary>The spaces and tabs that start the line holding <paramref name="position"/>.</summary>
    public string IndentOfLineAt(int position)
    {
        var start = LineStart(position);
        var end = start;
        while (end < _text.Length && _text[end] is ' ' or '\t')
            end++;
        return _text[start..end];
    }

    /// <summary>Whether only spaces and tabs come before <paramref name="position"/> on its line.</summary>
    public bool IsFirstOnLine(int position) => _text.AsSpan(LineStart(position), position - LineStart(position)).Trim(" \t\uFEFF").IsEmpty;

    /// <summary>Whether no line break lies between the two positions.</summary>
    public bool SameLine(int from, int to) => _text.AsSpan(from, to - from).IndexOfAny('\n', '\r') < 0;

    private int LineStart(int position)
    {
        var start = position;
        while (start > 0 && _text[start - 1] is not ('\n' or '\r'))
            start--;
        return start;
    }

    private static string DetectIndentUnit(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var width = 0;
            while (width < line.Length && line[width] is ' ' or '\t')
                width++;
            if (width == 0 || width == line.TrimEnd('\r').Length)
                continue;
            return line[0] == '\t' ? "\t" : new string(' ', Math.Min(width, 8));
        }

        return "  ";
    }
}
