using McpShim.Containers;
using McpShim.Profiles;
using McpShim.Updates;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim update PROFILE...|--all [--stop]</c> and <c>mcpshim rollback PROFILE [--stop]</c> (issue 6): refresh
/// or restore profile images, old → new on stdout, progress on stderr.
/// </summary>
internal static class UpdateCommand
{
    public static async Task<int> UpdateAsync(
        IReadOnlyList<string> names, bool all, bool stop, string? configFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (names.Count == 0 && !all || names.Count > 0 && all)
        {
            await error.WriteLineAsync("mcpshim: error: name the profiles to update, e.g. 'mcpshim update everything', or give --all (not both).");
            return ExitCodes.Usage;
        }

        if (Resolve(configFile, all ? null : names, error) is not { } profiles)
            return ExitCodes.Config;
        var failed = 0;
        foreach (var profile in profiles)
        {
            if (profile.Mode == ProfileMode.Local)
            {
                if (!all)
                    await output.WriteLineAsync($"{profile.Name}: runs in local mode, without an image; nothing to update.");
                continue;
            }

            if (all && profile.BuildContext is null && profile.Image!.StartsWith("mcpshim/", StringComparison.Ordinal))
            {
                await output.WriteLineAsync($"{profile.Name}: skipped, {profile.Image} is built locally ('./build.sh images' in the mcpshim repository).");
                continue;
            }

            try
            {
                var cli = EngineClients.For(profile);
                await error.WriteLineAsync($"mcpshim: {profile.Name}: {(profile.BuildContext is { } dir ? "building " + profile.Image + " from " + dir : "pulling " + profile.Image)}");
                var outcome = await ImageUpdater.UpdateAsync(cli, profile, line => error.WriteLine(UpdateText.Progress(profile.Name, line)), cancellationToken);
                await output.WriteLineAsync(UpdateText.Updated(outcome));
                if (outcome.Changed)
                    failed += await AfterChangeAsync(profile, cli, stop, configFile, output, error, cancellationToken);
            }
            catch (StartupException ex)
            {
                failed++;
                await error.WriteLineAsync("mcpshim: error: " + ex.Message);
            }
        }

        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    public static async Task<int> RollbackAsync(string name, bool stop, string? configFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Resolve(configFile, [name], error) is not [var profile])
            return ExitCodes.Config;
        try
        {
            var cli = EngineClients.For(profile);
            var outcome = await ImageUpdater.RollbackAsync(cli, profile, cancellationToken);
            await output.WriteLineAsync(UpdateText.RolledBack(outcome));
            return outcome.Changed && await AfterChangeAsync(profile, cli, stop, configFile, output, error, cancellationToken) > 0
                ? ExitCodes.Failure
                : ExitCodes.Ok;
        }
        catch (StartupException ex)
        {
            await error.WriteLineAsync("mcpshim: error: " + ex.Message);
            return ExitCodes.Unavailable;
        }
    }

    /// <summary>Profiles by name (in order), or every profile; null after printing a configuration error.</summary>
    private static List<ResolvedProfile>? Resolve(string? configFile, IReadOnlyList<string>? names, TextWriter error)
    {
        try
        {
            var catalog = ProfileCatalog.Load(configFile);
            return (names ?? catalog.Entries.Keys.ToList()).Select(n => ProfileResolver.Resolve(catalog, n)).ToList();
        }
        catch (ConfigException ex)
        {
            error.WriteLine("mcpshim: error: " + ex.Message);
            return null;
        }
    }

    /// <summary>An exec-mode profile's warm container still runs the old image: stop it (--stop) or say how. 1 when stopping failed.</summary>
    private static async Task<int> AfterChangeAsync(
        ResolvedProfile profile, EngineCli cli, bool stop, string? configFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (profile.Mode != ProfileMode.Exec)
            return 0;
        var warm = ContainerLabels.WarmContainerName(profile, SessionInfo.CreateForThisProcess());
        var exists = await cli.RunAsync(["container", "inspect", "--format", "{{.Id}}", warm], cancellationToken: cancellationToken);
        if (!exists.Succeeded)
            return 0;
        if (!stop)
        {
            await output.WriteLineAsync(UpdateText.WarmContainerKeepsOldImage(profile.Name, warm));
            return 0;
        }

        return await StopCommand.RunAsync(profile.Name, configFile, output, error, cancellationToken) == ExitCodes.Ok ? 0 : 1;
    }
}
