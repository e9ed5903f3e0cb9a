using System.CommandLine;

namespace McpShim.Cli;

internal static partial class ShimCommandLine
{
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
}
