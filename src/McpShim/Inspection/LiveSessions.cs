using McpShim.Containers;

namespace McpShim.Inspection;

/// <summary>
/// Counts the processes sessions run in a warm exec-mode container: every process but init, the keep-alive and this
/// probe. The keep-alive's uid is init's (<see cref="WarmContainer.KeepAliveUser"/>), and a session's processes run
/// as another, which no process in there can change: unlike an environment marker, nothing can hide from this count.
/// </summary>
internal static class LiveSessions
{
    private const string Script =
        """
        k=
        while read -r key a rest; do [ "$key" = Uid: ] && k=$a; done 2>/dev/null </proc/1/status
        for d in /proc/[0-9]*; do
          p=${d#/proc/}
          case $p in 1|$$) continue ;; esac
          u=
          s=
          while read -r key a rest; do
            case $key in Uid:) u=$a ;; State:) s=$a ;; esac
          done 2>/dev/null <$d/status
          case "$s" in ''|Z|X) continue ;; esac
          [ "$u" = "$k" ] || echo "$p"
        done
        true
        """;

    /// <summary>The number of session processes, or null when the container could not be looked into.</summary>
    public static async Task<int?> CountAsync(EngineCli cli, string container, CancellationToken cancellationToken)
    {
        var result = await cli.RunAsync(["exec", container, "sh", "-c", Script], TimeSpan.FromSeconds(10), cancellationToken);
        return result.Succeeded
            ? result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length
            : null;
    }
}
