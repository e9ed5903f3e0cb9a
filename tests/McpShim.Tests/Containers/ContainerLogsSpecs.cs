using McpShim.Containers;
using McpShim.Secrets;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers;

/// <summary>
/// <c>mcpshim logs</c> of a live run-mode session: <c>docker logs</c> through CliWrap (issue 17) shows the container's
/// stderr, redacted, and reads its stdout (the JSON-RPC stream) to the end unshown, so the CLI never hits a broken pipe.
/// </summary>
public sealed class ContainerLogsSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact(Timeout = 20_000)]
    public async Task I_see_the_servers_stderr_redacted_while_its_stdout_is_drained_unread()
    {
        // More stdout than a pipe holds: a CLI whose stdout nobody reads would block, one whose stdout is closed would fail.
        var cli = new EngineCli(ShellScript.Write(_temp.File("docker"), """
            head -c 1048576 /dev/zero || exit 3
            echo 'server: token s3cr3t-value accepted' >&2
            """));
        var redactor = new SecretRedactor([new SecretValue("TOKEN", "s3cr3t-value", "test")]);
        using var output = new StringWriter();

        var code = await ContainerLogs.StreamStderrAsync(cli, "mcpshim-x", null, follow: false, redactor, output, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal("server: token [redacted:TOKEN] accepted", output.ToString().Trim());
    }
}
