using System.ComponentModel;
using System.Globalization;
using CliWrap;

namespace McpShim.Containers;

/// <summary>
/// <c>docker logs [-f] [--since T] CONTAINER</c>, keeping only the container's stderr: its stdout is the JSON-RPC
/// stream (tool results included), which is not a log and is dropped unread.
/// </summary>
internal static class ContainerLogs
{
    /// <returns>The engine CLI's exit code (0 also when cancelled while following).</returns>
    public static async Task<int> StreamStderrAsync(
        EngineCli cli, string container, DateTimeOffset? since, bool follow, Secrets.SecretRedactor redactor, TextWriter output,
        CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "logs" };
        if (follow)
            arguments.Add("--follow");
        if (since is { } cutoff)
            arguments.AddRange(["--since", cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)]);
        arguments.Add(container);

        // Stdout is drained unread: PipeTarget.Null would close it unread, and the CLI would fail on a broken pipe as soon
        // as the server had answered anything. A cancel (Ctrl-C while following) sends the CLI SIGINT, as a terminal
        // would, and kills it if it still runs a grace period later.
        var command = Platform.ShortCommand.Create(cli.Executable, arguments, cli.EnvironmentWith([]))
            .WithStandardOutputPipe(PipeTarget.ToStream(Stream.Null))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(async line =>
            {
                await output.WriteLineAsync(Logging.SafeText.Escape(redactor.Redact(line)));
                await output.FlushAsync(CancellationToken.None);
            }));
        using var forceful = new CancellationTokenSource();
        await using var escalate = cancellationToken.Register(() => forceful.CancelAfter(EngineProgress.GracePeriod));
        try
        {
            return (await command.ExecuteAsync(forceful.Token, cancellationToken)).ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Win32Exception ex)
        {
            throw new StartupException(EngineProblems.NotFound(cli.Engine, Platform.ShortCommand.Reason(ex)), ex);
        }
    }
}
