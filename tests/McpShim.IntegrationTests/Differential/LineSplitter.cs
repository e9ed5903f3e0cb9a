namespace McpShim.IntegrationTests.Differential;

/// <summary>Where each kind of reader ends a line.</summary>
internal static class LineSplitter
{
    /// <summary>'\n' only; a final piece without one is never read (the TypeScript SDK's ReadBuffer).</summary>
    public static List<Range> OnLineFeed(ReadOnlySpan<byte> stream)
    {
        var lines = new List<Range>();
        var start = 0;
        for (var i = 0; i < stream.Length; i++)
        {
            if (stream[i] == (byte)'\n')
            {
                lines.Add(start..i);
                start = i + 1;
            }
        }
        return lines;
    }

    /// <summary>'\r\n', '\r' and '\n' each end a line; a final piece is a line too (Python's universal newlines, .NET's ReadLine).</summary>
    public static List<string> Universal(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\r' or '\n'))
                continue;
            lines.Add(text[start..i]);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                i++;
            start = i + 1;
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }
}
