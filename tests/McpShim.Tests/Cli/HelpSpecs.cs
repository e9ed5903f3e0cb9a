using System.CommandLine;
using McpShim.Cli;

namespace McpShim.Tests.Cli;

/// <summary>Every command's --help ends with one example (issue 6).</summary>
public sealed class HelpSpecs
{
    [Fact]
    public void Every_command_describes_itself_with_an_example()
    {
        var missing = AllCommands(ShimCommandLine.Build())
            .Where(c => c.Description is null || !c.Description.Contains("Example: mcpshim", StringComparison.Ordinal) && !c.Description.Contains("Example: source <(mcpshim", StringComparison.Ordinal))
            .Select(c => c.Name)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_profile_argument_completes_profile_names()
    {
        var root = ShimCommandLine.Build();

        var completions = root.Parse("show ").GetCompletions().Select(c => c.Label).ToList();

        Assert.Contains("everything", completions); // a built-in profile
        Assert.All(AllCommands(root).SelectMany(c => c.Arguments).Where(a => a.Name == "profile"), a => Assert.NotEmpty(a.CompletionSources));
    }

    [Fact]
    public void Help_names_the_profile_argument_rather_than_listing_every_profile()
    {
        var output = new StringWriter();

        ShimCommandLine.Build().Parse("logs --help").Invoke(new System.CommandLine.InvocationConfiguration { Output = output });

        Assert.Contains("logs <profile>", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<context7|everything", output.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<Command> AllCommands(Command command) =>
        new[] { command }.Concat(command.Subcommands.SelectMany(AllCommands));
}
