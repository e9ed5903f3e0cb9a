using McpShim.Containers;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

/// <summary>
/// The engine CLI's short calls run through CliWrap (issue 17): each argument reaches the CLI as one argv word, the CLI
/// sees its minimal environment and nothing else of mcpshim's, and a CLI that hangs is killed at its timeout even
/// when it ignores SIGINT and SIGTERM. The CLI here is a shell script standing in for docker.
/// </summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class EngineCliSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact(Timeout = 20_000)]
    public async Task Each_argument_reaches_the_engine_CLI_as_one_word_however_it_is_spelt()
    {
        var cli = new EngineCli(Script("""for word in "$@"; do printf '<%s>' "$word"; done"""));
        string[] arguments = ["inspect", "two words", "", "say \"hi\"", @"back\slash\", "tab\there", "new\nline", "it's", "$HOME", "a;b|c"];

        var result = await cli.RunAsync(arguments);

        Assert.True(result.Succeeded, result.Stderr);
        Assert.Equal(string.Concat(arguments.Select(a => "<" + a + ">")), result.Stdout);
    }

    [UnixFact(Timeout = 20_000)]
    public async Task The_engine_CLI_gets_exactly_its_own_environment_and_none_of_mcpshims()
    {
        Environment.SetEnvironmentVariable("MCPSHIM_SPEC_CLOUD_KEY", "must-not-leak");
        try
        {
            var cli = new EngineCli(Script("env"));

            var result = await cli.RunAsync(["version"]);

            var seen = result.Stdout.Split('\n').Where(line => line.Contains('=', StringComparison.Ordinal))
                .Select(line => line.Split('=', 2)[0]).Where(name => name is not ("PWD" or "SHLVL" or "_" or "OLDPWD"));
            Assert.Equal(cli.EnvironmentWith([]).Keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
            Assert.DoesNotContain("must-not-leak", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MCPSHIM_SPEC_CLOUD_KEY", null);
        }
    }

    [LinuxFact("whether the killed child is gone is read from /proc", Timeout = 20_000)]
    public async Task An_engine_CLI_that_ignores_SIGINT_and_SIGTERM_is_killed_with_its_children_at_its_timeout()
    {
        var pidFile = _temp.File("child.pid");
        var cli = new EngineCli(Script($"trap '' INT TERM; sleep 60 & echo $! > '{pidFile}'; wait"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<StartupException>(() => cli.RunAsync(["info"], TimeSpan.FromSeconds(1)));

        Assert.Contains("did not answer within 1 s", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
        Assert.True(ProcessState.IsGone(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture)),
            "the CLI's child outlived the timeout");
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_cancelled_call_kills_the_engine_CLI_at_once()
    {
        var cli = new EngineCli(Script("trap '' INT TERM; sleep 60"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cli.RunAsync(["info"], TimeSpan.FromSeconds(30), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
    }

    /// <summary>A script named docker (so the Engine API rules apply as to the real CLI) running <paramref name="body"/>.</summary>
    private string Script(string body) => ShellScript.Write(_temp.File("docker"), body);
}
