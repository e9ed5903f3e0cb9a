using System.Globalization;
using System.Text;

namespace McpShim.ClientConfig;

/// <summary>
/// A string in double quotes that TOML (a basic string) and YAML (a double-quoted scalar) both read back exactly:
/// only <c>\</c>, <c>"</c> and control characters are escaped, so a path with non-ASCII letters stays readable. JSON's
/// own escaping would not do: TOML has no <c>\/</c> and rejects surrogate escapes.
/// </summary>
internal static class DoubleQuoted
{
    public static string Of(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\t' => text.Append("\\t"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                _ when char.IsControl(c) => text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}
