using System.Globalization;

namespace McpShim.ServerLogs;

/// <summary>One line of a kept stderr file: <c>2026-01-02T03:04:05.678Z text</c>; the time makes <c>--since</c> work.</summary>
internal readonly record struct KeptLine(DateTimeOffset? Time, string Text)
{
    public const string TrimmedMarker = "# mcpshim:";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const int TimeLength = 24;

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A line as written; anything without the time prefix (a header, a cut line) is text without time.</summary>
    public static KeptLine Parse(string line)
    {
        if (line.Length > TimeLength && line[TimeLength] == ' ' &&
            DateTime.TryParseExact(line.AsSpan(0, TimeLength), TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return new KeptLine(new DateTimeOffset(time, TimeSpan.Zero), line[(TimeLength + 1)..]);
        }

        return new KeptLine(null, line);
    }
}
