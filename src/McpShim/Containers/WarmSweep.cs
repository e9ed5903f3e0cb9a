using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using McpShim.Containers.EngineApi;
using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// Ends every process sessions started in a warm container (issue 14), whatever they did to their environment, their
/// process group or their parent: <c>kill -9 -1</c> run as the sessions' user signals every process of that uid but
/// the caller and the namespace's init, and the kernel lets no fork slip past it. The container's init and its
/// keep-alive run as another uid (<see cref="WarmContainer.KeepAliveUser"/>), which the sessions' user may not
/// signal, so the container stays up. A process the sweep cannot end (another uid, which needs an <c>unsafe</c>
/// capability to become) gets the container restarted, which ends everything in it.
/// </summary>
internal static class WarmSweep
{
    /// <summary>
    /// <c>sh -c</c> script: <c>KEEPALIVE_UID</c> is replaced with the keep-alive's uid. Prints <c>swept</c>, <c>same-uid U</c> (the sessions'
    /// user is the keep-alive's: kill -1 would stop the container) or <c>left PID:UID ...</c>. A killed process may
    /// show for a moment before it is gone, and as a zombie until init reaps it: it is looked at again.
    /// </summary>
    private const string Script =
        """
        k=KEEPALIVE_UID
        self=
        while read -r key a rest; do [ "$key" = Uid: ] && self=$a; done 2>/dev/null </proc/$$/status
        if [ "$self" = "$k" ]; then echo "same-uid $self"; exit 0; fi
        i=0
        while :; do
          kill -9 -1 2>/dev/null
          left=
          for d in /proc/[0-9]*; do
            p=${d#/proc/}
            case $p in 1|$$) continue ;; esac
            u=
            s=
            while read -r key a rest; do
              case $key in Uid:) u=$a ;; State:) s=$a ;; esac
            done 2>/dev/null <$d/status
            case "$s" in ''|Z|X) continue ;; esac
            [ "$u" = "$k" ] && continue
            left="$left $p:$u"
          done
          if [ -z "$left" ]; then echo swept; exit 0; fi
          i=$((i + 1))
          if [ $i -ge 40 ]; then echo "left$left"; exit 0; fi
          [ $i -ge 5 ] && { sleep 0.05 2>/dev/null || sleep 1; }
        done
        """;

    /// <summary>Sweeps, and restarts the container when the sweep could not finish (see the class comment).</summary>
    /// <param name="user">The sessions' user, as their execs ran.</param>
    public static async Task RunAsync(EngineCli cli, string container, string user, string keepAliveUser, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        var script = Script.Replace("KEEPALIVE_UID", keepAliveUser.Split(':')[0], StringComparison.Ordinal);
        var result = await Task.Run(() => ThroughApi(cli, container, user, script))
                     ?? await cli.RunAsync(["exec", "-u", user, container, "sh", "-c", script], TimeSpan.FromSeconds(20));
        var output = result.Stdout.Trim();
        if (result.Succeeded && output == "swept")
        {
            Log.WarmContainerSwept(logger, container, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return;
        }

        // A stopped container has no processes left to sweep.
        if (!result.Succeeded && (result.Stderr.Contains("is not running", StringComparison.OrdinalIgnoreCase) || result.Stderr.Contains("No such container", StringComparison.OrdinalIgnoreCase)))
            return;

        Log.WarmSweepIncomplete(logger, container, result.Succeeded ? output : $"exec failed: {result.Stderr.Trim()}");
        var restarted = await cli.RunAsync(["restart", "--time", "0", container], TimeSpan.FromSeconds(30));
        if (restarted.Succeeded)
            return;
        Log.WarmRestartFailed(logger, container, restarted.Stderr.Trim());
        await cli.RunAsync(["rm", "-f", container], TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// The sweep over the Engine API where it is reachable: a few milliseconds against a CLI's hundreds, which matters
    /// when a client kills mcpshim soon after the session ends. Null: run it on the CLI.
    /// </summary>
    private static EngineResult? ThroughApi(EngineCli cli, string container, string user, string script)
    {
        if (cli.ApiEndpoint().Endpoint is not { } endpoint)
            return null;
        try
        {
            var (exitCode, stdout) = EngineExecApi.Run(endpoint, container, user, ["sh", "-c", script], TimeSpan.FromSeconds(20));
            return new EngineResult(exitCode ?? -1, stdout, string.Empty);
        }
        catch (EngineApiException ex)
        {
            return new EngineResult(-1, string.Empty, ex.EngineMessage);
        }
        catch (Exception ex) when (ex is SocketException or IOException or JsonException)
        {
            return null;
        }
    }
}
