using System.Diagnostics;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpShim.IntegrationTests;

/// <summary>
/// When the server can't start, the client's initialize fails fast with an error that says what is wrong and what
/// to do, instead of hanging until the client's own timeout.
/// </summary>
public sealed class StartupErrorSpecs
{
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(10);

    // No engine is involved at all, so this one runs even where Docker isn't.
    [Fact(Timeout = 60_000)]
    public async Task Initialize_fails_fast_naming_the_engine_when_the_engine_is_missing()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var profile = sandbox.AddEverythingProfile("noengine", configure: p => p["engine"] = "/nonexistent/docker");

        var (error, elapsed, stderr) = await ConnectExpectingFailureAsync(sandbox, profile);

        Assert.True(elapsed < FailFast, $"initialize took {elapsed} to fail");
        var message = Messages(error);
        Assert.Contains("/nonexistent/docker", message);
        Assert.Contains("engine", message, StringComparison.OrdinalIgnoreCase);
        Assert.True(error is McpException, $"expected an McpException, got {error}\nstderr:\n{stderr}");
    }

    [DockerFact(Timeout = 60_000)]
    public async Task Initialize_fails_fast_saying_how_to_get_the_image_when_the_image_is_missing()
    {
        await using var sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        var profile = sandbox.AddProfile("noimage", new() { ["image"] = "mcpshim/does-not-exist:1", ["mode"] = "run" });

        var (error, elapsed, stderr) = await ConnectExpectingFailureAsync(sandbox, profile);

        Assert.True(elapsed < FailFast, $"initialize took {elapsed} to fail");
        var message = Messages(error);
        Assert.Contains("mcpshim/does-not-exist:1", message);
        Assert.True(
            message.Contains("build", StringComparison.OrdinalIgnoreCase) || message.Contains("pull", StringComparison.OrdinalIgnoreCase),
            $"the error should say how to build or pull the image: {message}");
        Assert.True(error is McpException, $"expected an McpException, got {error}\nstderr:\n{stderr}");
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
    }

    private static async Task<(Exception Error, TimeSpan Elapsed, string Stderr)> ConnectExpectingFailureAsync(
        ShimSandbox sandbox, string profile)
    {
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = new McpClientOptions { InitializationTimeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var session = await sandbox.ConnectAsync(profile, options, stderr);
        });
        return (error, clock.Elapsed, string.Join('\n', stderr));
    }

    /// <summary>The message the client sees, with any inner exceptions' messages.</summary>
    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
            messages.Add(e.Message);
        return string.Join(" | ", messages);
    }
}
