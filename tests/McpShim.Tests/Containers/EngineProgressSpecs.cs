using McpShim.Containers;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

/// <summary>
/// <c>docker pull</c> and <c>docker build</c> stream through CliWrap (issue 17): status lines are shown as they come,
/// per-layer progress is not, the last lines are kept for the error, and a cancel reaches the CLI first as SIGINT,
/// as Ctrl-C in a terminal would, so it can cancel the work in the engine too.
/// </summary>
public sealed class EngineProgressSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact(Timeout = 20_000)]
    public async Task A_pull_shows_its_status_lines_as_they_come_and_keeps_the_last_ones()
    {
        var cli = new EngineCli(Script("""
            echo 'latest: Pulling from library/busybox'
            echo '0123456789ab: Downloading [=====>   ] 1MB/2MB'
            echo 'Status: Downloaded newer image for busybox:latest' >&2
            exit 3
            """));
        var shown = new List<string>();

        var (exitCode, tail) = await EngineProgress.RunAsync(cli, ["pull", "busybox"], shown.Add, CancellationToken.None);

        Assert.Equal(3, exitCode);
        // One line came on stdout, one on stderr: two pipes, so either may be read first.
        Assert.Equal(["Status: Downloaded newer image for busybox:latest", "latest: Pulling from library/busybox"], shown.Order(StringComparer.Ordinal));
        Assert.Equal(3, tail.Count);
        Assert.Contains("0123456789ab: Downloading [=====>   ] 1MB/2MB", tail);
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_cancelled_pull_gets_SIGINT_first_and_may_end_on_its_own()
    {
        var marker = _temp.File("interrupted");
        // Python, not sh: a shell cannot trap SIGINT when it was ignored on entry (as under nohup or a CI runner's
        // background job), and this docker must see the signal whatever the test runner's own disposition.
        var script = _temp.File("docker");
        File.WriteAllText(script, $"""
            #!/usr/bin/env python3
            import signal, sys, time
            def interrupted(signum, frame):
                open("{marker}", "w").write("SIGINT")
                sys.exit(130)
            signal.signal(signal.SIGINT, interrupted)
            print("latest: Pulling from library/busybox", flush=True)
            while True:
                time.sleep(0.1)
            """);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cli = new EngineCli(script);
        using var cancel = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => EngineProgress.RunAsync(cli, ["pull", "busybox"], _ => cancel.Cancel(), cancel.Token));

        Assert.Equal("SIGINT", File.ReadAllText(marker).Trim());
        Assert.True(clock.Elapsed < EngineProgress.GracePeriod, $"took {clock.Elapsed}: killed after the grace period, not ended by SIGINT");
    }

    /// <summary>A script named docker (so the Engine API rules apply as to the real CLI) running <paramref name="body"/>.</summary>
    private string Script(string body) => ShellScript.Write(_temp.File("docker"), body);
}
