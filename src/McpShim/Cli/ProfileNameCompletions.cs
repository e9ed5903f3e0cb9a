using System.CommandLine;
using System.CommandLine.Completions;
using McpShim.Profiles;

namespace McpShim.Cli;

/// <summary>Tab completion of profile names: every argument named <c>profile</c> offers those of the catalog.</summary>
internal static class ProfileNameCompletions
{
    public static void AttachAll(Command command, Option<string?> configOption)
    {
        foreach (var argument in command.Arguments.Where(a => a.Name == "profile"))
        {
            argument.CompletionSources.Add(context => Names(context, configOption));
            argument.HelpName ??= "profile"; // else help would list every profile name in place of <profile>
        }
        foreach (var subcommand in command.Subcommands)
            AttachAll(subcommand, configOption);
    }

    private static IEnumerable<CompletionItem> Names(CompletionContext context, Option<string?> configOption)
    {
        try
        {
            var catalog = ProfileCatalog.Load(context.ParseResult.GetValue(configOption));
            return catalog.Entries.Keys
                .Where(name => name.StartsWith(context.WordToComplete, StringComparison.Ordinal))
                .Select(name => new CompletionItem(name));
        }
        catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException)
        {
            return []; // a broken profiles file offers nothing here; 'mcpshim list' says what is wrong
        }
    }
}
