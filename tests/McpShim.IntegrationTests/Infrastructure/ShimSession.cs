using System.Collections.Concurrent;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// An official C# SDK client connected to a server through the mcpshim binary: the client starts
/// <c>mcpshim PROFILE</c> as its stdio server, exactly as an MCP host would.
/// </summary>
internal sealed class ShimSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _stderr;

    private ShimSession(McpClient client, ConcurrentQueue<string> stderr)
    {
        Client = client;
        _stderr = stderr;
    }

    public McpClient Client { get; }

    /// <summary>What mcpshim (and the server behind it) wrote to stderr so far, for failure messages.</summary>
    public string Stderr => string.Join('\n', _stderr);

    public static async Task<ShimSession> ConnectAsync(
        string profile,
        IReadOnlyDictionary<string, string?> environment,
        McpClientOptions? options = null,
        ConcurrentQueue<string>? stderr = null,
        IReadOnlyList<string>? shimOptions = null,
        CancellationToken cancellationToken = default)
    {
        stderr ??= new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = $"mcpshim {profile}",
            Command = ShimBinary.Path,
            Arguments = [.. shimOptions ?? [], profile],
            EnvironmentVariables = environment.ToDictionary(),
            StandardErrorLines = stderr.Enqueue,
            // Room for mcpshim to stop its container and write session.end before the SDK kills it.
            ShutdownTimeout = TimeSpan.FromSeconds(20),
        });

        options ??= new McpClientOptions();
        options.ClientInfo ??= new Implementation { Name = "mcpshim-integration-tests", Version = "1.0.0" };
        var client = await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
        return new ShimSession(client, stderr);
    }

    /// <summary>Calls the everything server's echo tool and returns the text it sent back.</summary>
    public async Task<string> EchoAsync(string message, CancellationToken cancellationToken = default)
    {
        var result = await Client.CallToolAsync(
            "echo", new Dictionary<string, object?> { ["message"] = message }, cancellationToken: cancellationToken);
        Assert.True(result.IsError is not true, $"echo failed: {TextOf(result)}\nstderr:\n{Stderr}");
        return TextOf(result);
    }

    public static string TextOf(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
