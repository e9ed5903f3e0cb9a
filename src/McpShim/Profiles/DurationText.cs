using System.Globalization;
using System.Text.RegularExpressions;

namespace McpShim.Profiles;

/// <summary>Durations as people write them: <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>24h</c>, <c>7d</c>, <c>1.5h</c>.</summary>
internal static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Duration().Match(text.Trim());
        if (!match.Success)
            return false;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimStart("0123456789.".ToCharArray());
            var amount = double.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
            duration += unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        return true;
    }

    [GeneratedRegex("^(?<part>[0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$")]
    private static partial Regex Duration();
}
