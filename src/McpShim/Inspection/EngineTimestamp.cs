using System.Globalization;

namespace McpShim.Inspection;

/// <summary>Reads the engine's RFC 3339 times, which carry nanoseconds (one digit more than DateTimeOffset parses).</summary>
internal static class EngineTimestamp
{
    /// <summary>The time, or null when unreadable or the zero time ("never started").</summary>
    public static DateTimeOffset? Parse(string text)
    {
        text = text.Trim();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            text = text[..Math.Min(end, dot + 8)] + text[end..];
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.Year > 1
            ? time
            : null;
    }
}
