using System.Text.Json;

namespace McpShim.Policy.Schema;

/// <summary>Number comparisons exact where decimal can hold both sides (0.1 + 0.2 style surprises avoided), else double.</summary>
internal static class SchemaNumbers
{
    public static int Compare(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
            return x.CompareTo(y);
        return a.GetDouble().CompareTo(b.GetDouble());
    }

    public static bool IsInteger(JsonElement number) =>
        number.TryGetDecimal(out var d) ? d == decimal.Truncate(d) : number.TryGetDouble(out var x) && double.IsFinite(x) && Math.Floor(x) == x;

    public static bool IsMultipleOf(JsonElement number, JsonElement divisor)
    {
        if (number.TryGetDecimal(out var n) && divisor.TryGetDecimal(out var m))
            return m == 0 || n % m == 0;
        var quotient = number.GetDouble() / divisor.GetDouble();
        if (!double.IsFinite(quotient))
            return Math.IEEERemainder(number.GetDouble(), divisor.GetDouble()) == 0; // 1e308 by 0.5: exact, though the quotient overflows
        return Math.Abs(quotient - Math.Round(quotient)) < 1e-9;
    }

    /// <summary>A non-negative integer keyword value (<c>minContains</c>: 2, or 2.0); null for anything else.</summary>
    public static int? AsCount(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && IsInteger(value) && value.TryGetDecimal(out var d) && d >= 0 ? (int)Math.Min(d, int.MaxValue) : null;
}
