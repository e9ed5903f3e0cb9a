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
        Assert.Equal(["latest: Pulling from library/busybox", "Status: Downloaded newer image for busybox:latest"], shown);
        Assert.Equal(3, tail.Count);
        Assert.Contains("0123456789ab: Downloading [=====>   ] 1MB/2MB", tail);
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_cancelled_pull_gets_SIGINT_first_and_may_end_on_its_own()
    {
        var marker = _temp.File("interrupted");
        var cli = new EngineCli(Script($"""
            trap 'echo SIGINT > "{marker}"; exit 130' INT
            echo 'latest: Pulling from library/busybox'
            while :; do sleep 0.1; done
            """));
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
