using System.Net.Sockets;
using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// A short Engine API call in place of an engine CLI call, under the exec's rules (<see cref="EngineApiEndpoint"/>):
/// used when the API resolves; an API that cannot be reached or does not answer like an engine sends the caller to
/// the CLI (logged at Debug), whose errors are the established ones. What the engine answers is a decision, not a
/// reason to ask again: an error status becomes the caller's <see cref="StartupException"/>.
/// </summary>
internal static class EngineApiCalls
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>True with the call's <paramref name="answer"/>; false when the caller is to make the CLI call instead.</summary>
    /// <param name="what">The CLI call this replaces, for the log: <c>image inspect</c>.</param>
    /// <param name="explain">The message for an error status, given the endpoint it came from.</param>
    public static bool TryCall<T>(
        EngineCli cli, ILogger logger, string what, Func<EngineApiConnection, T> call,
        Func<EngineApiEndpoint, EngineApiException, string> explain, out T answer)
    {
        answer = default!;
        var (endpoint, reason) = cli.ApiEndpoint();
        if (endpoint is null)
        {
            Log.EngineCallViaCli(logger, what, cli.Engine, reason);
            return false;
        }

        try
        {
            // One connection per call: a Unix socket connects in ~50 µs, and no idle keep-alive can have gone stale.
            using var connection = EngineApiConnection.Open(endpoint, ConnectTimeout);
            connection.SetTimeout(EngineExecApi.CallTimeout);
            answer = call(connection);
            return true;
        }
        catch (EngineApiException ex)
        {
            throw new StartupException(explain(endpoint, ex), ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            var why = $"the Engine API at {endpoint} is not usable ({ex.Message})";
            cli.ApiUnusable(why);
            Log.EngineCallViaCli(logger, what, cli.Engine, why);
            return false;
        }
    }
}
