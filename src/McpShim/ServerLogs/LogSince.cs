using System.Globalization;

namespace McpShim.ServerLogs;

/// <summary>
/// <c>mcpshim logs --since</c>: a duration back from now (<c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>) or a timestamp
/// (<c>2026-01-02T15:04:05Z</c>, <c>2026-01-02 15:04</c>, local time without an offset, as docker reads it).
/// </summary>
internal static class LogSince
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        text = text.Trim();
        if (Profiles.DurationText.TryParse(text, out var duration))
        {
            since = now - duration;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out since);
    }

    public static string Explain(string text) =>
        $"--since '{text}' is neither a duration (e.g. 10m, 1h30m, 2d) nor a timestamp (e.g. 2026-01-02T15:04:05Z).";
}
