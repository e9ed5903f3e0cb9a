using McpShim.IntegrationTests.Infrastructure;

namespace McpShim.IntegrationTests;

/// <summary>
/// <c>mcpshim completion bash</c> loaded into a real bash, completing as a user's TAB would (issue 6): subcommands,
/// options and the profile names of the profiles file in use, all asked of the published binary.
/// </summary>
public sealed class CompletionSpecs
{
    [Theory(Timeout = 60_000)]
    [InlineData("mcpshim sh", "show")]
    [InlineData("mcpshim show --j", "--json")]
    [InlineData("mcpshim show ever", "everything")]
    [InlineData("mcpshim logs team-", "team-docs team-search")]
    [InlineData("mcpshim completion f", "fish")]
    public async Task Bash_completes_what_I_type_from_the_binary_itself(string typed, string expected)
    {
        using var temp = new TempDirectory();
        var profiles = temp.File("profiles.json");
        await File.WriteAllTextAsync(profiles, """{ "profiles": { "team-docs": { "image": "x/docs:1" }, "team-search": { "image": "x/search:1" } } }""");
        File.SetUnixFileMode(profiles, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var folder = Path.GetDirectoryName(ShimBinary.Path)!;
        var script = $"""
            source <(mcpshim completion bash)
            COMP_LINE='{typed}'
            COMP_POINT=${"{"}#COMP_LINE{"}"}
            read -r -a COMP_WORDS <<< "$COMP_LINE"
            COMP_CWORD=$(( ${"{"}#COMP_WORDS[@]{"}"} - 1 ))
            _mcpshim_complete
            echo "${"{"}COMPREPLY[*]{"}"}"
            """;

        var result = await ProcessRunner.RunAsync(
            "bash", ["-c", script],
            new Dictionary<string, string?> { ["PATH"] = folder + ":/usr/bin:/bin", ["MCPSHIM_CONFIG"] = profiles, ["HOME"] = temp.Path },
            timeout: TimeSpan.FromSeconds(30));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(expected, result.Stdout.Trim());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("zsh", "compdef _mcpshim mcpshim")]
    [InlineData("fish", "complete -c mcpshim")]
    public async Task Each_shell_gets_a_script_that_asks_mcpshim(string shell, string registration)
    {
        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["completion", shell], timeout: TimeSpan.FromSeconds(20));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains(registration, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_shell_is_refused_with_the_known_ones()
    {
        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["completion", "tcsh"], timeout: TimeSpan.FromSeconds(20));

        Assert.False(result.Succeeded);
        Assert.Contains("bash", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
