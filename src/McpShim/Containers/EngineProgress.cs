using System.ComponentModel;
using System.Text.RegularExpressions;
using CliWrap;

namespace McpShim.Containers;

/// <summary>
/// Runs a long engine command (<c>pull</c>, <c>build</c>) and condenses its output for stderr: build steps and pull
/// status lines, not every layer's progress bar. The last lines are kept for the error message.
/// </summary>
internal static partial class EngineProgress
{
    /// <summary>How long a cancelled CLI has after SIGINT before it is killed.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On a cancel the CLI first gets SIGINT, as from Ctrl-C in a terminal (it then cancels the pull or build in the
    /// engine too), and is killed with its children if it still runs <see cref="GracePeriod"/> later.
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Tail)> RunAsync(
        EngineCli cli, IReadOnlyList<string> arguments, Action<string> progress, CancellationToken cancellationToken)
    {
        var tail = new Queue<string>();
        var gate = new Lock();
        void OnLine(string line)
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

        var command = Platform.ShortCommand.Create(cli.Executable, arguments, cli.EnvironmentWith([]))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(OnLine))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnLine));
        using var forceful = new CancellationTokenSource();
        await using var escalate = cancellationToken.Register(() => forceful.CancelAfter(GracePeriod));
        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(forceful.Token, cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new StartupException(EngineProblems.NotFound(cli.Engine, Platform.ShortCommand.Reason(ex)), ex);
        }

        lock (gate)
            return (result.ExitCode, tail.ToArray());
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
