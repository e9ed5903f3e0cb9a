using System.Text.RegularExpressions;

namespace McpShim.Containers;

/// <summary>
/// Runs a long engine command (<c>pull</c>, <c>build</c>) and condenses its output for stderr: build steps and pull
/// status lines, not every layer's progress bar. The last lines are kept for the error message.
/// </summary>
internal static partial class EngineProgress
{
    public static async Task<(int ExitCode, IReadOnlyList<string> Tail)> RunAsync(
        EngineCli cli, IReadOnlyList<string> arguments, Action<string> progress, CancellationToken cancellationToken)
    {
        using var process = ServerProcess.Start(
            cli.Executable, arguments, cli.EnvironmentWith([]), detail => EngineProblems.NotFound(cli.Engine, detail), replaceEnvironment: true);
        process.CloseInput();
        var tail = new Queue<string>();
        var gate = new Lock();
        async Task ReadAsync(Stream stream)
        {
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                lock (gate)
                {
                    if (tail.Count == 15)
                        tail.Dequeue();
                    tail.Enqueue(line);
                    if (IsWorthShowing(line))
                        progress(line.Length > 120 ? line[..120] + "…" : line);
                }
            }
        }

        var reading = Task.WhenAll(ReadAsync(process.Output), ReadAsync(process.Error));
        try
        {
            await process.Exited.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Terminate();
            await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
            process.Kill();
            throw;
        }

        await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        lock (gate)
            return (process.ExitCode ?? 1, tail.ToArray());
    }

    /// <summary>Build steps (classic and BuildKit), pull status and digest lines, errors; not per-layer progress.</summary>
    public static bool IsWorthShowing(string line) =>
        !string.IsNullOrWhiteSpace(line) && !LayerProgress().IsMatch(line) &&
        (BuildStep().IsMatch(line) || line.StartsWith("Status:", StringComparison.Ordinal) || line.StartsWith("Digest:", StringComparison.Ordinal) ||
         line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("Pulling from", StringComparison.Ordinal));

    [GeneratedRegex("^(Step [0-9]+/[0-9]+|#[0-9]+ \\[)")]
    private static partial Regex BuildStep();

    [GeneratedRegex("^[0-9a-f]{12}: ")]
    private static partial Regex LayerProgress();
}
