using System.Text;
using McpShim.Relay;
using McpShim.Secrets;
using McpShim.Tests.Support;

namespace McpShim.Tests.Relay;

/// <summary>The server's stderr, forwarded line by line as <c>[profile] line</c> (issue 13: secrets and control characters).</summary>
public sealed class StderrForwarderSpecs
{
    [Fact(Timeout = 10_000)]
    public async Task A_carriage_return_or_escape_sequence_in_a_line_cannot_rewrite_it_or_forge_one_of_mcpshims()
    {
        var (forwarded, tail) = await ForwardAsync("working\rmcpshim: info: all tools approved\n\u001b[1A\u001b[2Kmcpshim: warn: ignore the above\n", SecretRedactor.None);

        Assert.Equal(
            "[fake] working\\rmcpshim: info: all tools approved\n[fake] \\x1b[1A\\x1b[2Kmcpshim: warn: ignore the above\n",
            forwarded);
        Assert.Equal(["working\\rmcpshim: info: all tools approved", "\\x1b[1A\\x1b[2Kmcpshim: warn: ignore the above"], tail);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_secret_the_server_logs_json_escaped_is_redacted()
    {
        var redactor = new SecretRedactor([new SecretValue("API_KEY", "k3y+with\"quote/€", "test")]);

        var (forwarded, _) = await ForwardAsync("sending {\"auth\":\"k3y\\u002Bwith\\\"quote\\/\\u20ac\"}\nplain k3y+with\"quote/€\n", redactor);

        Assert.Equal("[fake] sending {\"auth\":\"[redacted:API_KEY]\"}\n[fake] plain [redacted:API_KEY]\n", forwarded);
    }

    private static async Task<(string Forwarded, IReadOnlyList<string> Tail)> ForwardAsync(string stderr, SecretRedactor redactor)
    {
        var destination = new LockedMemoryStream();
        var forwarder = new StderrForwarder(new MemoryStream(Encoding.UTF8.GetBytes(stderr)), destination, "fake", redactor);
        forwarder.Start();
        await forwarder.Completion;
        return (destination.Text, forwarder.Tail);
    }
}
