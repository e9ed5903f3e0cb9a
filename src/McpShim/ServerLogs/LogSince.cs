using System.Globalization;
using System.Text.RegularExpressions;

namespace McpShim.ServerLogs;

/// <summary>
/// <c>mcpshim logs --since</c>: a duration back from now (<c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>) or a timestamp
/// (<c>2026-01-02T15:04:05Z</c>, <c>2026-01-02 15:04</c>, local time without an offset, as docker reads it).
/// </summary>
internal static partial class LogSince
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        text = text.Trim();
        var duration = Duration().Match(text);
        if (duration.Success)
        {
            var total = TimeSpan.Zero;
            foreach (Capture part in duration.Groups["part"].Captures)
            {
                var unit = part.Value.TrimStart("0123456789.".ToCharArray());
                var amount = double.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
                total += unit switch
                {
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }

            since = now - total;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out since);
    }

    public static string Explain(string text) =>
        $"--since '{text}' is neither a duration (e.g. 10m, 1h30m, 2d) nor a timestamp (e.g. 2026-01-02T15:04:05Z).";

    [GeneratedRegex("^(?<part>[0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$")]
    private static partial Regex Duration();
}
