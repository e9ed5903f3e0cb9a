using McpShim.Containers;

namespace McpShim.Inspection;

/// <summary>
/// Counts the sessions running in a warm exec-mode container: each session's server carries
/// <see cref="ExecLauncher.SessionMarker"/> in its environment (the same marker a forced stop looks for).
/// </summary>
internal static class LiveSessions
{
    private static readonly string Script =
        $"for p in /proc/[0-9]*; do tr '\\0' '\\n' < $p/environ 2>/dev/null | grep -q '^{ExecLauncher.SessionMarker}=' && echo ${{p#/proc/}}; done; true";

    /// <summary>The number of live sessions, or null when the container could not be looked into.</summary>
    public static async Task<int?> CountAsync(EngineCli cli, string container, CancellationToken cancellationToken)
    {
        var result = await cli.RunAsync(["exec", container, "sh", "-c", Script], TimeSpan.FromSeconds(10), cancellationToken);
        return result.Succeeded
            ? result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length
            : null;
    }
}
