using System.Globalization;
using McpShim.Containers;
using McpShim.Inspection;
using McpShim.Platform;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim prune [PROFILE...] [--dry-run]</c> (issue 6): removes your containers labelled <c>io.mcpshim.managed=true</c> that no
/// live session uses, and dangling images carrying that label. Nothing without the label is ever considered.
/// </summary>
internal static class PruneCommand
{
    private static readonly string[] Header = ["ACTION", "CONTAINER", "MODE", "PROFILE", "WHY"];

    /// <param name="profiles">Only these profiles' containers; all of them when empty.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> profiles, bool dryRun, string? configFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var targets = EngineTargets.From(configFile);
        var exitCode = ExitCodes.Ok;
        foreach (var target in targets)
        {
            // With profiles named, a remote engine is visited only when one of them runs there.
            if (target.IsRemote && profiles.Count > 0 && !target.Profiles.Any(p => profiles.Contains(p, StringComparer.Ordinal)))
                continue;
            if (targets.Count > 1)
                await output.WriteLineAsync((target == targets[0] ? string.Empty : "\n") + target.Heading);
            var code = await PruneAsync(target.Cli, profiles, dryRun, output, error, cancellationToken);
            exitCode = Math.Max(exitCode, code);
        }

        return exitCode;
    }

    private static async Task<int> PruneAsync(
        EngineCli cli, IReadOnlyList<string> profiles, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var rows = new List<string[]> { Header };
        var removed = 0;
        try
        {
            foreach (var container in await ManagedContainers.ListAsync(cli, ProcessIdentity.Uid, cancellationToken))
            {
                if (profiles.Count > 0 && !profiles.Contains(container.Profile, StringComparer.Ordinal))
                    continue;
                var (remove, why) = await DecideAsync(cli, container, cancellationToken);
                var action = remove ? (dryRun ? "would remove" : "removed") : "kept";
                if (remove && !dryRun)
                {
                    var result = await cli.RunAsync(["rm", "-f", container.Id], TimeSpan.FromSeconds(30), cancellationToken);
                    if (!result.Succeeded)
                        (action, why) = ("failed", EngineProblems.Explain(cli.Engine, "rm", result, null));
                    else if (container.Mode == "exec" && ShimPlatform.Current.SecretFolders.RemoveFolder(container.Name))
                        why += "; its secrets folder too";
                }

                if (action is "removed" or "would remove")
                    removed++;
                rows.Add([action, container.Name, container.Mode, container.Profile, why]);
            }

            // Images belong to no profile: a prune limited to some profiles leaves them alone.
            IReadOnlyList<string> images = profiles.Count == 0 ? await DanglingImagesAsync(cli, cancellationToken) : [];
            var imagesRemoved = 0;
            if (images.Count > 0)
            {
                var result = dryRun ? null : await cli.RunAsync(["image", "rm", .. images], TimeSpan.FromSeconds(60), cancellationToken);
                var action = dryRun ? "would remove" : result!.Succeeded ? "removed" : "failed";
                var why = result is { Succeeded: false } ? EngineProblems.Explain(cli.Engine, "image rm", result, null) : "dangling image with mcpshim's label";
                imagesRemoved = action == "failed" ? 0 : images.Count;
                rows.AddRange(images.Select(id => new[] { action, "image " + (id.StartsWith("sha256:", StringComparison.Ordinal) && id.Length >= 19 ? id[7..19] : id), "-", "-", why }));
            }

            if (rows.Count > 1)
                WriteTable(rows, output);
            var verb = dryRun ? "would remove" : "removed";
            await output.WriteLineAsync(
                $"{verb} {removed} container{(removed == 1 ? string.Empty : "s")} and {imagesRemoved} dangling image{(imagesRemoved == 1 ? string.Empty : "s")} " +
                $"labelled {ContainerLabels.Managed}=true (owner uid {ProcessIdentity.Uid}); nothing else is touched.");
            return rows.Exists(r => r[0] == "failed") ? ExitCodes.Failure : ExitCodes.Ok;
        }
        catch (StartupException ex)
        {
            await error.WriteLineAsync("mcpshim: error: " + ex.Message);
            return ExitCodes.Unavailable;
        }
    }

    /// <summary>
    /// A run-mode container goes when its owning mcpshim (on this host) is dead, or when it is not running and has no
    /// live owner; a warm exec-mode one when it is stopped or no session runs in it. Anything unsure is kept.
    /// </summary>
    private static async Task<(bool Remove, string Why)> DecideAsync(EngineCli cli, ManagedContainer container, CancellationToken cancellationToken)
    {
        if (container.Mode == "exec")
        {
            if (!container.Running)
                return (true, $"not running ({container.State})");
            return await LiveSessions.CountAsync(cli, container.Id, cancellationToken) switch
            {
                null => (false, "could not look for live sessions in it"),
                0 => (true, "warm container with no live session"),
                1 => (false, "a live session (1 process)"),
                var n => (false, $"live sessions ({n} processes)"),
            };
        }

        // A session's container is briefly "created" before it runs: its live owner keeps it whatever its state.
        if (container.OwnerHost != ProcessIdentity.Host)
            return (false, $"owned by a session on host '{container.OwnerHost}'");
        if (!int.TryParse(container.OwnerPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return container.Running ? (false, "no owner pid label") : (true, $"not running ({container.State})");
        if (!ProcessIdentity.IsAlive(pid, container.OwnerStart))
            return (true, $"owner pid {pid} is gone");
        return (false, container.Running ? $"session pid {pid} is alive" : $"{container.State}; session pid {pid} is alive");
    }

    private static async Task<IReadOnlyList<string>> DanglingImagesAsync(EngineCli cli, CancellationToken cancellationToken)
    {
        var listed = await cli.RunAsync(
            ["image", "ls", "-q", "--no-trunc", "--filter", "dangling=true", "--filter", $"label={ContainerLabels.Managed}=true"],
            cancellationToken: cancellationToken);
        return listed.Succeeded ? listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList() : [];
    }

    private static void WriteTable(List<string[]> rows, TextWriter output)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        output.WriteLine();
    }
}
