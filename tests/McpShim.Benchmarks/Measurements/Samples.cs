namespace McpShim.Benchmarks.Measurements;

/// <summary>The median and 99th percentile (nearest rank) of a set of timings.</summary>
internal readonly record struct Samples(double P50, double P99, int Count)
{
    public static Samples Of(double[] values)
    {
        if (values.Length == 0)
            throw new ArgumentException("no samples", nameof(values));
        var sorted = values.Order().ToArray();
        return new Samples(Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
