namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>What runs in a container, seen from inside with <c>docker exec</c> (the probe itself left out).</summary>
internal static class WarmContainerProcesses
{
    /// <summary>Starts with a marker so the probe and its subshells, whose command line it is, can be told apart.</summary>
    private const string Probe =
        """
        : mcpshim-probe
        for d in /proc/[0-9]*; do
          u=
          s=
          while read -r key a rest; do case $key in Uid:) u=$a ;; State:) s=$a ;; esac; done 2>/dev/null <$d/status
          c=$(tr '\0\n' '  ' 2>/dev/null <$d/cmdline)
          printf '%s|%s|%s|%s\n' "${d#/proc/}" "$u" "$s" "$c"
        done
        """;

    /// <summary>One line per process: <c>PID|UID|STATE|COMMAND LINE</c>, zombies left out.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(string container)
    {
        var result = await Docker.RunAsync("exec", "-u", "0", container, "sh", "-c", Probe);
        Assert.True(result.Succeeded, $"could not look into {container}: {result}");
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.Contains("mcpshim-probe", StringComparison.Ordinal) && line.Split('|')[2] is not ("Z" or "X" or ""))
            .ToList();
    }

    /// <summary>The processes but the container's init (docker-init, PID 1) and the keep-alive (nobody's <c>sleep infinity</c>).</summary>
    public static async Task<IReadOnlyList<string>> LeftoversAsync(string container) =>
        (await ListAsync(container))
            .Where(line => !line.StartsWith("1|", StringComparison.Ordinal) && !(line.Split('|') is [_, "65534", _, "sleep infinity "]))
            .ToList();
}
