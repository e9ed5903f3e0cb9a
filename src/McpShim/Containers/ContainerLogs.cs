using System.Globalization;

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

        using var process = ServerProcess.Start(
            cli.Executable, arguments, cli.EnvironmentWith([]), detail => EngineProblems.NotFound(cli.Engine, detail), replaceEnvironment: true);
        process.CloseInput();
        var discard = process.Output.CopyToAsync(Stream.Null, CancellationToken.None);
        using var reader = new StreamReader(process.Error);
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                await output.WriteLineAsync(Logging.SafeText.Escape(redactor.Redact(line)));
                await output.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            process.Terminate();
            await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
            process.Kill();
            return 0;
        }

        await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAny(discard, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        return process.ExitCode ?? 1;
    }
}
