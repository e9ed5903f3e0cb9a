namespace McpShim.Benchmarks;

/// <summary>A set-up that could not be measured; the run goes on and the table shows the reason.</summary>
internal sealed class BenchmarkFailure(string message) : Exception(message);
