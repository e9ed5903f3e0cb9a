using System.Globalization;
using System.Text;

namespace McpShim.Profiles;

/// <summary>Control characters (newlines included) in values bound for the engine: found, and shown escaped in messages.</summary>
internal static class ControlCharacters
{
    public static bool In(string text) => text.Any(char.IsControl);

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
