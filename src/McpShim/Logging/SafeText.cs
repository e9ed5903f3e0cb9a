using System.Buffers;
using System.Globalization;
using System.Text;

namespace McpShim.Logging;

/// <summary>
/// Makes text from a peer (a tool name, a method, an error text, a line of the server's stderr) safe to print on one
/// terminal line (issue 13): control characters that could end the line, move the cursor or recolour the terminal,
/// and the bidirectional controls that could make it read otherwise than it is, are shown as escapes (<c>\n</c>,
/// <c>\r</c>, <c>\x1b</c>, <c>\u202e</c>). So a tool named <c>"x\nmcpshim: info: ..."</c> cannot forge a line of
/// mcpshim's. A tab stays a tab; a backslash stays as it is.
/// </summary>
internal static class SafeText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(UnsafeCharacters());

    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!Unsafe.Contains(c))
                escaped.Append(c);
            else
                escaped.Append(c switch
                {
                    '\n' => @"\n",
                    '\r' => @"\r",
                    '\u001b' => @"\x1b",
                    < '\u0080' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                });
        }

        return escaped.ToString();
    }

    /// <summary>A UTF-8 line made safe; the same bytes when nothing needed escaping.</summary>
    public static ReadOnlySpan<byte> Escape(ReadOnlySpan<byte> utf8)
    {
        // Only ASCII controls, or some multi-byte character, can need it: plain ASCII lines skip the decoding.
        if (utf8.IndexOfAnyInRange((byte)0x00, (byte)0x08) < 0 && utf8.IndexOfAnyInRange((byte)0x0a, (byte)0x1f) < 0
            && utf8.IndexOfAnyInRange((byte)0x7f, (byte)0xff) < 0)
        {
            return utf8;
        }

        var text = Encoding.UTF8.GetString(utf8);
        var safe = Escape(text);
        return ReferenceEquals(safe, text) ? utf8 : Encoding.UTF8.GetBytes(safe);
    }

    private static string UnsafeCharacters()
    {
        var set = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            if (c != '\t')
                set.Append(c);
        }

        for (var c = '\u007f'; c <= '\u009f'; c++)
            set.Append(c); // DEL and the C1 controls (U+009B starts a terminal escape on some terminals)
        set.Append('\u061c'); // Arabic letter mark
        set.Append('\u200e').Append('\u200f'); // left-to-right and right-to-left marks
        set.Append('\u2028').Append('\u2029'); // line and paragraph separators
        for (var c = '\u202a'; c <= '\u202e'; c++)
            set.Append(c); // embeddings and overrides
        for (var c = '\u2066'; c <= '\u2069'; c++)
            set.Append(c); // isolates
        return set.ToString();
    }
}
