using System.Net.Sockets;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// A test that needs dockerd also listening on <see cref="Host"/> (.ci/run starts it so). Skipped with the reason where
/// it does not listen, unless MCPSHIM_REQUIRE_DOCKER=1, where the test then fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LoopbackEngineFactAttribute : DockerFactAttribute
{
    public const string Host = "tcp://127.0.0.1:2375";

    public LoopbackEngineFactAttribute()
    {
        if (Skip is not null || Environment.GetEnvironmentVariable("MCPSHIM_REQUIRE_DOCKER") == "1")
            return;
        if (WhyNoListener() is { } reason)
            Skip = $"needs dockerd listening on {Host} (dockerd -H unix:///var/run/docker.sock -H {Host}): {reason} (set MCPSHIM_REQUIRE_DOCKER=1 to fail instead of skip)";
    }

    private static string? WhyNoListener()
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", 2375).Wait(TimeSpan.FromSeconds(3)) ? null : "no answer within 3 s";
        }
        catch (Exception ex) when (ex is SocketException or AggregateException)
        {
            return ex.GetBaseException().Message;
        }
    }
}
