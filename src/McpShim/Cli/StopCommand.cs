using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Cli;

/// <summary>
/// <c>mcpshim stop PROFILE</c> (issue 6): stops and removes your warm exec-mode container <c>mcpshim-PROFILE-USER</c>.
/// The next session starts a fresh one. Another user's container of that name is refused, never touched.
/// </summary>
internal static class StopCommand
{
    public static async Task<int> RunAsync(string profileName, string? configFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await CommandProfiles.ResolveOrReportAsync(profileName, configFile, error) is not { } profile)
            return ExitCodes.Config;

        if (profile.Mode != ProfileMode.Exec)
        {
            await output.WriteLineAsync(
                $"profile '{profile.Name}' runs in '{profile.Mode.Name()}' mode: it has no warm container to stop " +
                "(a run-mode container ends with its session; 'mcpshim prune' removes leftovers).");
            return ExitCodes.Ok;
        }

        var session = SessionInfo.CreateForThisProcess();
        var name = ContainerLabels.WarmContainerName(profile, session);
        var cli = EngineClients.For(profile);
        try
        {
            var format = $"{{{{.State.Running}}}}|{{{{index .Config.Labels \"{ContainerLabels.Managed}\"}}}}|{{{{index .Config.Labels \"{ContainerLabels.OwnerUid}\"}}}}";
            var inspected = await cli.RunAsync(["container", "inspect", "--format", format, name], cancellationToken: cancellationToken);
            if (!inspected.Succeeded)
            {
                if (inspected.Stderr.Contains("No such", StringComparison.OrdinalIgnoreCase) || inspected.Stderr.Contains("no container", StringComparison.OrdinalIgnoreCase))
                {
                    await output.WriteLineAsync($"profile '{profile.Name}': no warm container '{name}'; nothing to stop.");
                    return ExitCodes.Ok;
                }

                await error.WriteLineAsync("mcpshim: error: " + EngineProblems.Explain(cli.Engine, "container inspect", inspected, null));
                return ExitCodes.Unavailable;
            }

            var parts = inspected.Stdout.Trim().Split('|');
            var running = parts[0] == "true";
            var managed = parts.Length > 1 && parts[1] == "true";
            var owner = parts.Length > 2 && parts[2] != "<no value>" ? parts[2] : string.Empty;
            if (!managed || owner != session.Uid)
            {
                var whose = !managed ? "it is not labelled as mcpshim's" : $"it belongs to uid {(owner.Length == 0 ? "(unknown)" : owner)}, not to you (uid {session.Uid})";
                await error.WriteLineAsync(
                    $"mcpshim: error: refusing to stop '{name}': {whose}. mcpshim stops only your own warm containers; " +
                    $"its owner can remove it with '{cli.Engine} rm -f {name}'.");
                return ExitCodes.Failure;
            }

            // 'stop' lets the servers of live sessions get SIGTERM first; 'rm' then removes what is left.
            if (running)
                await cli.RunAsync(["stop", "--time", "5", name], TimeSpan.FromSeconds(30), cancellationToken);
            var removed = await cli.RunAsync(["rm", "-f", name], TimeSpan.FromSeconds(30), cancellationToken);
            if (!removed.Succeeded)
            {
                await error.WriteLineAsync("mcpshim: error: " + EngineProblems.Explain(cli.Engine, "rm", removed, null));
                return ExitCodes.Unavailable;
            }

            // Secrets delivered as files stay on the host's tmpfs for the warm container's life: they go with it.
            var secrets = ShimPlatform.Current.SecretFolders.RemoveFolder(name) ? " and its secrets folder" : string.Empty;
            await output.WriteLineAsync(running
                ? $"profile '{profile.Name}': stopped and removed the warm container '{name}'{secrets}; the next session starts a fresh one."
                : $"profile '{profile.Name}': removed the stopped warm container '{name}'{secrets}.");
            return ExitCodes.Ok;
        }
        catch (StartupException ex)
        {
            await error.WriteLineAsync("mcpshim: error: " + ex.Message);
            return ExitCodes.Unavailable;
        }
    }
}
