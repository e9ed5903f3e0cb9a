using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace McpShim.Cli;

/// <summary>The command-line surface: <c>mcpshim PROFILE</c>, <c>run</c>, <c>list</c>, <c>pin</c>, <c>test</c>, <c>show</c>, <c>stop</c>, <c>prune</c>, <c>logs</c>, <c>update</c>, <c>rollback</c>, <c>status</c>, <c>doctor</c>, <c>config</c>, <c>--version</c>, <c>--help</c>.</summary>
internal static partial class ShimCommandLine
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
            "modes, every profile resolves and has its image, local profiles' host sandbox (Landlock ABI, seccomp, systemd-run --user), the audit file is writable, MCP clients' files start mcpshim " +
            "by a path that exists, the clock and the free disk space. One line per check with its fix; exit code 1 when a check failed. Example: mcpshim doctor");
        doctor.SetAction((result, cancellationToken) => DoctorCommand.RunAsync(result.GetValue(ConfigOption), Console.Out, cancellationToken));
        root.Subcommands.Add(doctor);
        root.Subcommands.Add(BuildConfig());
        root.Subcommands.Add(BuildCompletion());
        ProfileNameCompletions.AttachAll(root, ConfigOption);
        return root;
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
