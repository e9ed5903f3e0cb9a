using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace McpShim.Cli;

/// <summary>The command-line surface: <c>mcpshim PROFILE</c>, <c>run</c>, <c>list</c>, <c>pin</c>, <c>test</c>, <c>show</c>, <c>stop</c>, <c>prune</c>, <c>logs</c>, <c>update</c>, <c>rollback</c>, <c>status</c>, <c>doctor</c>, <c>config</c>, <c>--version</c>, <c>--help</c>.</summary>
internal static class ShimCommandLine
{
    private static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "Profiles file to use (default: $MCPSHIM_CONFIG, else profiles.json in the config folder: $XDG_CONFIG_HOME/mcpshim on Linux; README \"Files\").",
        HelpName = "FILE",
        Recursive = true,
    };

    private static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Log debug details to stderr (same as --log-level debug).",
        Recursive = true,
    };

    private static readonly Option<string?> LogLevelOption = new("--log-level")
    {
        Description = "Least severe log level written to stderr: trace, debug, information, warning, error, none (default: information).",
        HelpName = "LEVEL",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        LogLevelOption.AcceptOnlyFromAmong("trace", "debug", "information", "info", "warning", "warn", "error", "none");

        var profileArgument = new Argument<string?>("profile")
        {
            Description = "The server profile to run, e.g. 'everything'. See 'mcpshim list'.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var root = new RootCommand(
            "mcpshim runs an MCP server in a hardened container and relays its stdio to your MCP client, " +
            "recording every tool call. Put it in mcp.json as \"command\": \"mcpshim\", \"args\": [\"PROFILE\"]. " +
            "Example: mcpshim everything")
        {
            profileArgument,
            ConfigOption,
            VerboseOption,
            LogLevelOption,
        };
        root.SetAction(async (result, _) =>
        {
            if (result.GetValue(profileArgument) is not { Length: > 0 } profile)
            {
                await Console.Error.WriteLineAsync("mcpshim: error: name a profile, e.g. 'mcpshim everything' (see 'mcpshim list' and 'mcpshim --help').");
                return ExitCodes.Usage;
            }

            return await RelayCommand.RunAsync(profile, result.GetValue(ConfigOption), LevelOf(result));
        });

        var runArgument = new Argument<string>("profile") { Description = "The server profile to run." };
        var run = new Command("run", "Run the relay for a profile (same as 'mcpshim PROFILE'; use it for a profile named like a command). Example: mcpshim run status")
        {
            runArgument,
        };
        run.SetAction((result, _) => RelayCommand.RunAsync(result.GetValue(runArgument)!, result.GetValue(ConfigOption), LevelOf(result)));
        root.Subcommands.Add(run);

        var list = new Command("list", "List the profiles, how each runs and which file it came from. Example: mcpshim list --config ./profiles.json");
        list.SetAction(result => ListCommand.Run(result.GetValue(ConfigOption), Console.Out, Console.Error));
        root.Subcommands.Add(list);

        var pinArgument = new Argument<string>("profile") { Description = "The profile whose server's tools to pin." };
        var pin = new Command(
            "pin",
            "Start the profile's server as a session would and record a hash of each tool's name, description and " +
            "inputSchema (pins/PROFILE.json beside the profiles file). With \"policy\": {\"pinTools\": true}, sessions then " +
            "hide tools that are new or changed since. Example: mcpshim pin filesystem")
        {
            pinArgument,
        };
        pin.SetAction((result, _) => PinCommand.RunAsync(result.GetValue(pinArgument)!, result.GetValue(ConfigOption), LevelOf(result), Console.Out));
        root.Subcommands.Add(pin);
        root.Subcommands.Add(BuildTest());
        root.Subcommands.Add(BuildShow());
        root.Subcommands.Add(BuildStop());
        root.Subcommands.Add(BuildPrune());
        root.Subcommands.Add(BuildLogs());
        root.Subcommands.Add(BuildUpdate());
        root.Subcommands.Add(BuildRollback());
        var status = new Command(
            "status",
            "One row per container mcpshim manages (label io.mcpshim.managed=true): profile, mode, state, uptime, CPU, " +
            "memory, image digest and owner; a run-mode container whose mcpshim died is marked (dead). Colour only on a " +
            "terminal without NO_COLOR. Example: mcpshim status");
        status.SetAction((result, cancellationToken) => StatusCommand.RunAsync(result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        root.Subcommands.Add(status);
        var doctor = new Command(
            "doctor",
            "Check what mcpshim depends on: the engine answers (and its version), the profiles file parses and its file " +
            "modes, every profile resolves and has its image, the audit file is writable, MCP clients' files start mcpshim " +
            "by a path that exists, the clock and the free disk space. One line per check with its fix; exit code 1 when a check failed. Example: mcpshim doctor");
        doctor.SetAction((result, cancellationToken) => DoctorCommand.RunAsync(result.GetValue(ConfigOption), Console.Out, cancellationToken));
        root.Subcommands.Add(doctor);
        root.Subcommands.Add(BuildConfig());
        root.Subcommands.Add(BuildCompletion());
        ProfileNameCompletions.AttachAll(root, ConfigOption);
        return root;
    }

    /// <summary><c>mcpshim completion bash|zsh|fish</c> (issue 6).</summary>
    private static Command BuildCompletion()
    {
        var shell = new Argument<string>("shell") { Description = "The shell: bash, zsh or fish." };
        shell.AcceptOnlyFromAmong(CompletionScripts.Shells);
        var completion = new Command(
            "completion",
            "Print the tab-completion script for a shell: subcommands, options and your profile names, asked of mcpshim " +
            "itself as you type. Example: source <(mcpshim completion bash)")
        {
            shell,
        };
        completion.SetAction(result => Console.Out.Write(CompletionScripts.For(result.GetValue(shell)!)));
        return completion;
    }

    /// <summary><c>mcpshim test [PROFILE...] [--all] [--junit FILE] [--json FILE] [--timeout S]</c> (issue 5).</summary>
    private static Command BuildTest()
    {
        var profiles = new Argument<string[]>("profile")
        {
            Description = "Profiles to test, e.g. 'everything filesystem'. See 'mcpshim list'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Test every profile: the built-in ones and those of the profiles file." };
        var junit = new Option<string?>("--junit") { Description = "Also write a JUnit XML report (one testsuite per profile, one testcase per check).", HelpName = "FILE" };
        var json = new Option<string?>("--json") { Description = "Also write a machine-readable JSON report.", HelpName = "FILE" };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds to wait for the server to start and for each answer (default: 30).", HelpName = "S" };
        var test = new Command(
            "test",
            "Smoke-test profiles for CI: start each server as a session would, check the MCP protocol (initialize, tools/list, " +
            "resources/list, prompts/list, ping), run the profile's \"smoke\" calls, audit the running container's hardening, " +
            "then remove it. A table goes to stdout; the exit code is 0 only if every check passed. " +
            "Example: mcpshim test --all --junit smoke.xml")
        {
            profiles,
            all,
            junit,
            json,
            timeout,
        };
        test.SetAction((result, _) => TestCommand.RunAsync(
            result.GetValue(profiles) ?? [],
            result.GetValue(all),
            result.GetValue(junit),
            result.GetValue(json),
            result.GetValue(timeout),
            result.GetValue(ConfigOption),
            LevelOf(result)));
        return test;
    }

    /// <summary><c>mcpshim show PROFILE [--json]</c> (issue 6).</summary>
    private static Command BuildShow()
    {
        var profile = new Argument<string>("profile") { Description = "The profile to show, e.g. 'everything'. See 'mcpshim list'." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON, for scripts." };
        var mcpJson = new Option<bool>("--mcp-json") { Description = "Print only the ready-to-paste \"mcpServers\" entry, with mcpshim's absolute path." };
        var show = new Command(
            "show",
            "Show a profile as a session would use it: each effective value and where it came from (built-in, the profiles " +
            "file, a default, the environment, the image), and the exact engine commands it would run. Secrets appear by " +
            "name only; their values are never read. Example: mcpshim show everything --json")
        {
            profile,
            json,
            mcpJson,
        };
        show.SetAction((result, cancellationToken) => result.GetValue(mcpJson)
            ? Task.FromResult(ConfigCommand.ShowMcpJson(result.GetValue(profile)!, result.GetValue(ConfigOption), CommandNames(result), Console.Out, Console.Error))
            : ShowCommand.RunAsync(result.GetValue(profile)!, result.GetValue(json), result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return show;
    }

    /// <summary><c>mcpshim stop PROFILE</c> (issue 6).</summary>
    private static Command BuildStop()
    {
        var profile = new Argument<string>("profile") { Description = "The exec-mode profile whose warm container to stop." };
        var stop = new Command(
            "stop",
            "Stop and remove your warm exec-mode container (mcpshim-PROFILE-USER); sessions running in it end, and the next " +
            "one starts a fresh container. Another user's container is refused. Example: mcpshim stop context7")
        {
            profile,
        };
        stop.SetAction((result, cancellationToken) => StopCommand.RunAsync(
            result.GetValue(profile)!, result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return stop;
    }

    /// <summary><c>mcpshim prune [PROFILE...] [--dry-run]</c> (issue 6).</summary>
    private static Command BuildPrune()
    {
        var profiles = new Argument<string[]>("profile")
        {
            Description = "Only these profiles' containers (default: every profile's, and dangling images too).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say what would be removed." };
        var prune = new Command(
            "prune",
            "Remove your containers labelled io.mcpshim.managed=true that no live session uses (stopped ones, those of dead " +
            "sessions, idle warm ones) and dangling images with that label; nothing else. Says what it removed. " +
            "Example: mcpshim prune --dry-run")
        {
            profiles,
            dryRun,
        };
        prune.SetAction((result, cancellationToken) => PruneCommand.RunAsync(
            result.GetValue(profiles) ?? [], result.GetValue(dryRun), result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return prune;
    }

    /// <summary><c>mcpshim config CLIENT [PROFILE...] [--write] [--dry-run] [--file PATH] [--project] [--command PATH]</c> (issues 6, 7).</summary>
    private static Command BuildConfig()
    {
        var client = new Argument<string>("client") { Description = "The MCP client: claude-desktop, claude-code, cursor or vscode." };
        client.AcceptOnlyFromAmong([.. McpShim.ClientConfig.McpClient.All.Select(c => c.Name)]);
        var profiles = new Argument<string[]>("profile")
        {
            Description = "Profiles to add (default: every profile 'mcpshim list' shows).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var write = new Option<bool>("--write") { Description = "Merge the entries into the client's file (a timestamped backup is written first)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the change to the client's file as a diff; write nothing." };
        var file = new Option<string?>("--file") { Description = "The client file to merge into, instead of the client's usual one.", HelpName = "PATH" };
        var project = new Option<bool>("--project") { Description = "Use the project file in this folder: .mcp.json (claude-code), .cursor/mcp.json, .vscode/mcp.json." };
        var command = new Option<string?>("--command") { Description = "The absolute path to write as the command (default: this mcpshim binary's path).", HelpName = "PATH" };
        var config = new Command(
            "config",
            "Print the client's entries for the profiles, or merge them into its file with --write: " +
            "\"mcpServers\" for claude-desktop, claude-code and cursor, \"servers\" with \"type\": \"stdio\" for vscode. The command " +
            "is always mcpshim's absolute path (GUI clients do not see your shell's PATH), with --config when your profiles file " +
            "is not the default. Every other key and every comment of the file stays; running it twice changes nothing the " +
            "second time. Example: mcpshim config cursor everything --dry-run")
        {
            client,
            profiles,
            write,
            dryRun,
            file,
            project,
            command,
        };
        config.SetAction(result => ConfigCommand.Run(
            new ConfigRequest(
                result.GetValue(client)!,
                result.GetValue(profiles) ?? [],
                result.GetValue(write),
                result.GetValue(dryRun),
                result.GetValue(file),
                result.GetValue(project),
                result.GetValue(command),
                result.GetValue(ConfigOption),
                CommandNames(result)),
            McpShim.Platform.ShimPlatform.Current.ClientApps,
            DateTimeOffset.UtcNow,
            Console.Out,
            Console.Error));
        return config;
    }

    /// <summary>mcpshim's subcommand names: a profile named like one must be started as <c>run NAME</c>.</summary>
    private static string[] CommandNames(ParseResult result) => [.. result.RootCommandResult.Command.Subcommands.Select(c => c.Name)];

    /// <summary><c>mcpshim logs PROFILE [-f] [--since WHEN]</c> (issue 6).</summary>
    private static Command BuildLogs()
    {
        var profile = new Argument<string>("profile") { Description = "The profile whose server's stderr to print." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines (and the next session's) until Ctrl-C." };
        var since = new Option<string?>("--since")
        {
            Description = "Only lines since a duration ago (90s, 10m, 1h30m, 2d) or a timestamp (2026-01-02T15:04:05Z).",
            HelpName = "WHEN",
        };
        var logs = new Command(
            "logs",
            "Print the server's stderr (stdout of the server is the protocol and never shown). run mode: the live session " +
            "container's logs; otherwise, and in exec and local mode, the last session's copy kept in " +
            "logs/PROFILE.log in the state folder ($XDG_STATE_HOME/mcpshim on Linux; README \"Files\"), secrets redacted, last 1 MiB. Example: mcpshim logs everything -f --since 10m")
        {
            profile,
            follow,
            since,
        };
        logs.SetAction((result, cancellationToken) => LogsCommand.RunAsync(
            result.GetValue(profile)!, result.GetValue(follow), result.GetValue(since), result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return logs;
    }

    /// <summary><c>mcpshim update PROFILE...|--all [--stop]</c> (issue 6).</summary>
    private static Command BuildUpdate()
    {
        var profiles = new Argument<string[]>("profile") { Description = "The profiles whose images to refresh.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every profile with an image (mcpshim's locally built ones are skipped unless they have \"build\")." };
        var stop = new Option<bool>("--stop") { Description = "Also stop an exec-mode profile's warm container, so the next session uses the new image." };
        var update = new Command(
            "update",
            "Rebuild the profile's image from its \"build\" folder, or pull it, keeping the image it replaces as " +
            "REPOSITORY:mcpshim-rollback. Prints old → new image ids, or 'already up to date'; progress on stderr. " +
            "Example: mcpshim update context7")
        {
            profiles,
            all,
            stop,
        };
        update.SetAction((result, cancellationToken) => UpdateCommand.UpdateAsync(
            result.GetValue(profiles) ?? [], result.GetValue(all), result.GetValue(stop), result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return update;
    }

    /// <summary><c>mcpshim rollback PROFILE [--stop]</c> (issue 6).</summary>
    private static Command BuildRollback()
    {
        var profile = new Argument<string>("profile") { Description = "The profile whose image to return to the one before the last update." };
        var stop = new Option<bool>("--stop") { Description = "Also stop an exec-mode profile's warm container, so the next session uses the restored image." };
        var rollback = new Command(
            "rollback",
            "Tag REPOSITORY:mcpshim-rollback (kept by 'mcpshim update') as the profile's image again; the image it replaces " +
            "becomes the rollback one, so a second rollback undoes the first. Example: mcpshim rollback context7")
        {
            profile,
            stop,
        };
        rollback.SetAction((result, cancellationToken) => UpdateCommand.RollbackAsync(
            result.GetValue(profile)!, result.GetValue(stop), result.GetValue(ConfigOption), Console.Out, Console.Error, cancellationToken));
        return rollback;
    }

    private static LogLevel LevelOf(ParseResult result)
    {
        if (result.GetValue(LogLevelOption) is { } level)
        {
            return level switch
            {
                "trace" => LogLevel.Trace,
                "debug" => LogLevel.Debug,
                "warning" or "warn" => LogLevel.Warning,
                "error" => LogLevel.Error,
                "none" => LogLevel.None,
                _ => LogLevel.Information,
            };
        }

        return result.GetValue(VerboseOption) ? LogLevel.Debug : LogLevel.Information;
    }
}
