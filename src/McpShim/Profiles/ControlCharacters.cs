using System.Buffers;
using System.Globalization;
using System.Text;

namespace McpShim.Profiles;

/// <summary>Control characters (newlines included) in values bound for the engine: found, and shown escaped in messages.</summary>
internal static class ControlCharacters
{
    /// <summary>Every control character: C0, DEL and C1, as <see cref="char.IsControl(char)"/> has them.</summary>
    public static readonly SearchValues<char> All =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7f, 0x21).Select(c => (char)c)]);

    public static bool In(string text) => text.AsSpan().ContainsAny(All);

    /// <summary>The text with each control character as <c>\n</c>, <c>\t</c> or <c>\u001b</c>.</summary>
    public static string Escape(string text)
    {
        if (!In(text))
            return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
