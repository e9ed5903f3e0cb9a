using McpShim.Containers;
using McpShim.Inspection;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.ServerLogs;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim logs PROFILE [-f] [--since WHEN]</c> (issue 6): the server's stderr on stdout, where it came from on stderr.
/// run mode: the live session container's <c>docker logs</c> (stderr only), else the last session's kept copy.
/// exec and local mode: the kept copy, since an exec'd server's output never reaches the warm container's logs.
/// </summary>
internal static class LogsCommand
{
    public static async Task<int> RunAsync(
        string profileName, bool follow, string? sinceText, string? configFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await CommandProfiles.ResolveOrReportAsync(profileName, configFile, error) is not { } profile)
            return ExitCodes.Config;

        DateTimeOffset? since = null;
        if (sinceText is not null)
        {
            if (!LogSince.TryParse(sinceText, DateTimeOffset.Now, out var parsed))
            {
                await error.WriteLineAsync("mcpshim: error: " + LogSince.Explain(sinceText));
                return ExitCodes.Usage;
            }

            since = parsed;
        }

        if (profile.Mode == ProfileMode.Run)
        {
            try
            {
                var cli = EngineClients.For(profile);
                var live = (await ManagedContainers.ListAsync(cli, ProcessIdentity.Uid, cancellationToken))
                    .Where(c => c.Profile == profile.Name && c.Mode == "run" && c.Running)
                    .ToList();
                if (live.Count > 0 && await RedactorOrNoteAsync(profile, error, cancellationToken) is { } redactor)
                {
                    var others = live.Count > 1 ? $" (the newest of {live.Count} live sessions)" : string.Empty;
                    await error.WriteLineAsync($"mcpshim: profile '{profile.Name}': stderr of the live session's container {live[0].Name}{others}");
                    var code = await ContainerLogs.StreamStderrAsync(cli, live[0].Id, since, follow, redactor, output, cancellationToken);
                    return code == 0 ? ExitCodes.Ok : ExitCodes.Unavailable;
                }
            }
            catch (StartupException ex)
            {
                // The kept copy needs no engine: say why the live one is not shown, then show that.
                await error.WriteLineAsync($"mcpshim: could not look for a live session container: {ex.Message}");
            }
        }

        var path = KeptStderr.PathFor(profile.Name);
        if (!await KeptStderrPrinter.PrintAsync(path, since, follow, output, error, cancellationToken))
        {
            await error.WriteLineAsync(
                $"mcpshim: profile '{profile.Name}' has no server stderr yet: no live session container and no kept copy at {path}. " +
                $"Every session keeps its server's stderr there; start one from your MCP client, then run 'mcpshim logs {profile.Name}' again.");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The engine's log holds the server's stderr as written, secrets and all; the kept copy was redacted as it was
    /// written. So the live log is shown only with the profile's secrets to redact it; when they cannot be resolved
    /// here (a secret the MCP client's environment gave the session, say), the kept copy is shown instead.
    /// </summary>
    private static async Task<Secrets.SecretRedactor?> RedactorOrNoteAsync(ResolvedProfile profile, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return new Secrets.SecretRedactor(await Secrets.SecretResolver.ResolveAsync(profile, cancellationToken));
        }
        catch (StartupException ex)
        {
            await error.WriteLineAsync(
                $"mcpshim: the live session's log is not shown, because the profile's secrets could not be resolved here to hide them ({ex.Message}); " +
                "showing the kept copy, which was redacted as it was written.");
            return null;
        }
    }
}
