using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace McpShim.Secrets;

/// <summary>
/// A regular expression that finds a secret however a JSON writer spelt it inside a string (issue 13): each
/// character as itself, as <c>\uXXXX</c> (hex in either case; a character outside the BMP as its two surrogates),
/// or as its short escape (<c>\"</c>, <c>\\</c>, <c>\/</c>, <c>\b</c>, <c>\f</c>, <c>\n</c>, <c>\r</c>,
/// <c>\t</c>), mixed freely: <c>s3\u002Bcr\"et</c> is <c>s3+cr"et</c>. Fixed alternatives, no nested
/// repetition: it runs in time linear in the text.
/// </summary>
internal static class EscapedSecretPattern
{
    public static Regex For(string secret)
    {
        var pattern = new StringBuilder();
        foreach (var c in secret)
        {
            pattern.Append("(?:").Append(Regex.Escape(c.ToString()));
            pattern.Append(@"|\\u");
            foreach (var digit in ((int)c).ToString("x4", CultureInfo.InvariantCulture))
                pattern.Append(char.IsAsciiLetter(digit) ? $"[{digit}{char.ToUpperInvariant(digit)}]" : digit.ToString());
            if (ShortEscape(c) is { } escape)
                pattern.Append(@"|\\").Append(Regex.Escape(escape.ToString()));
            pattern.Append(')');
        }

        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }

    private static char? ShortEscape(char c) => c switch
    {
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        '\b' => 'b',
        '\f' => 'f',
        '\n' => 'n',
        '\r' => 'r',
        '\t' => 't',
        _ => null,
    };
}
