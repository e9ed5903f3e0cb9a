using System.Globalization;
using System.Text.RegularExpressions;

namespace McpShim.Profiles;

/// <summary>
/// <c>limits.memory</c>: a number of bytes with an optional <c>b</c>, <c>k</c>, <c>m</c> or <c>g</c> (powers of 1024, as
/// the engine reads them). It is a limit, never "none": 0 is refused (the engine would read it as no limit), and so is
/// anything under the engine's own minimum of 6 MiB.
/// </summary>
internal static partial class MemorySize
{
    public const long Minimum = 6L * 1024 * 1024;

    /// <summary>The size in bytes, or null with <paramref name="problem"/> saying what is wrong and the fix.</summary>
    public static long? Parse(string text, out string problem)
    {
        problem = string.Empty;
        var match = Size().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            problem = $"'{ControlCharacters.Escape(text)}' is not a size; use a number with b, k, m or g, e.g. \"512m\".";
            return null;
        }

        var unit = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "k" => 1024.0,
            "m" => 1024.0 * 1024,
            "g" => 1024.0 * 1024 * 1024,
            _ => 1.0,
        };
        var bytes = number * unit;
        if (bytes == 0)
        {
            problem = $"'{text}' is not a limit (the engine would read 0 as no limit at all); give the most the server may use, e.g. \"512m\".";
            return null;
        }

        if (bytes < Minimum)
        {
            problem = $"'{text}' is under the engine's minimum of 6 MiB; give at least \"6m\", e.g. \"512m\".";
            return null;
        }

        if (bytes > long.MaxValue / 2)
        {
            problem = $"'{text}' is larger than any machine's memory; give what the server may use, e.g. \"512m\".";
            return null;
        }

        return (long)bytes;
    }

    [GeneratedRegex("^(?<number>[0-9]{1,19}(\\.[0-9]{1,9})?)(?<unit>[bkmgBKMG])?\\z")]
    private static partial Regex Size();
}
