using System.ComponentModel;

namespace McpShim.Benchmarks;

/// <summary>
/// Runs the shim's side of each measurement until the first failure, then skips the rest: a broken or missing
/// mcpshim leaves a reason in the table instead of ending the run.
/// </summary>
internal sealed class ShimTrial(string? skipReason, string name = "mcpshim")
{
    public string? FailureReason { get; private set; } = skipReason;

    public bool Try(Action measure) => Try(() => { measure(); return true; }, out _);

    /// <summary>
    /// Runs the baseline and the shim in turns, <paramref name="rounds"/> times, so both see the same background noise
    /// on a busy machine instead of one getting a quiet minute and the other a loud one.
    /// </summary>
    public void Alternate(int rounds, Action baseline, Action shim)
    {
        for (var i = 0; i < rounds; i++)
        {
            baseline();
            Try(shim);
        }
    }

    public bool Try<T>(Func<T> measure, out T value)
    {
        value = default!;
        if (FailureReason is not null)
            return false;

        try
        {
            value = measure();
            return true;
        }
        catch (Exception e) when (e is BenchmarkFailure or IOException or Win32Exception or InvalidOperationException)
        {
            FailureReason = e.Message;
            Console.Error.WriteLine($"{name} failed, skipping the rest of its measurements: {e.Message}");
            return false;
        }
    }
}
