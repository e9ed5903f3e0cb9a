namespace McpShim.Benchmarks.Measurements;

/// <summary>
/// Compares two set-ups round by round: each round's baseline value with the other set-up's value from the same round,
/// then the median of those comparisons. A machine that changes state mid-run (this VM flips between fast and slow
/// pipe hand-offs within minutes) then compares like with like instead of one set-up's quiet rounds with the other's
/// loud ones.
/// </summary>
internal static class Paired
{
    public static double Median(IReadOnlyList<double> baseline, IReadOnlyList<double> other, Func<double, double, double> compare)
    {
        if (baseline.Count != other.Count || baseline.Count == 0)
            throw new ArgumentException($"rounds do not pair up: {baseline.Count} and {other.Count}");
        var compared = baseline.Zip(other, compare).Order().ToArray();
        var middle = compared.Length / 2;
        return compared.Length % 2 == 1 ? compared[middle] : (compared[middle - 1] + compared[middle]) / 2;
    }
}
