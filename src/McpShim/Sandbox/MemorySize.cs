using System.Globalization;

namespace McpShim.Sandbox;

/// <summary>A <c>limits.memory</c> value (<c>512m</c>, <c>1g</c>, <c>65536k</c>, bytes) in bytes, as the engines read it (k = 1024).</summary>
internal static class MemorySize
{
    public static long? Bytes(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var unit = char.ToLowerInvariant(text[^1]);
        var multiplier = unit switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1L };
        var number = char.IsLetter(unit) ? text[..^1] : text;
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (long)(value * multiplier)
            : null;
    }
}
