using System.CommandLine;

namespace McpShim.Cli;

internal static partial class ShimCommandLine
{
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

    /// <summary><c>mcpshim config CLIENT [PROFILE...] [--write] [--dry-run] [--file PATH] [--project] [--command PATH]</c> (issues 6, 7, 20).</summary>
    private static Command BuildConfig()
    {
        var client = new Argument<string>("client")
        {
            Description = "The MCP client: claude-desktop, claude-code, cursor, vscode, codex, gemini, windsurf, zed, cline or goose.",
        };
        client.AcceptOnlyFromAmong([.. McpShim.ClientConfig.McpClient.All.Select(c => c.Name)]);
        var profiles = new Argument<string[]>("profile")
        {
            Description = "Profiles to add (default: every profile 'mcpshim list' shows).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var write = new Option<bool>("--write") { Description = "Merge the entries into the client's file (a timestamped backup is written first)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the change to the client's file as a diff; write nothing." };
        var file = new Option<string?>("--file") { Description = "The client file to merge into, instead of the client's usual one.", HelpName = "PATH" };
        var project = new Option<bool>("--project")
        {
            Description = "Use the project file in this folder: .mcp.json (claude-code), .cursor/mcp.json, .vscode/mcp.json, .gemini/settings.json, .zed/settings.json.",
        };
        var command = new Option<string?>("--command") { Description = "The absolute path to write as the command (default: this mcpshim binary's path).", HelpName = "PATH" };
        var config = new Command(
            "config",
            "Print the client's entries for the profiles, or merge them into its file with --write: " +
            "\"mcpServers\" for claude-desktop, claude-code, cursor, gemini, windsurf and cline, \"servers\" with \"type\": \"stdio\" for vscode, " +
            "\"context_servers\" for zed, [mcp_servers.NAME] tables in codex's config.toml, \"extensions\" in goose's config.yaml. The command " +
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
}
