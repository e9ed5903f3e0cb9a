using System.Globalization;
using McpShim.Containers.EngineApi;
using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// Removes run-mode containers whose owning mcpshim is dead (killed with SIGKILL, a crash, a power cut). Only this
/// host's and this user's containers are considered; warm exec-mode containers are meant to outlive sessions.
/// </summary>
internal static class OrphanReaper
{
    public static async Task ReapAsync(EngineCli cli, SessionInfo self, ILogger logger)
    {
        try
        {
            foreach (var candidate in await ListAsync(cli, self, logger))
            {
                if (!int.TryParse(candidate.Pid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    continue;
                if (pid == self.Pid || Platform.ProcessIdentity.IsAlive(pid, candidate.Start))
                    continue;
                var removed = await cli.RunAsync(["rm", "-f", candidate.Id]);
                if (removed.Succeeded)
                    Log.OrphanRemoved(logger, candidate.Name, pid);
            }
        }
        catch (Exception ex) when (ex is StartupException or IOException or InvalidOperationException)
        {
            Log.OrphanScanFailed(logger, ex.Message);
        }
    }

    /// <summary>
    /// This host's and user's run-mode containers with their owner's pid and start stamp. Through the Engine API when
    /// it is reachable: every session scans, and a <c>docker ps</c> beside the start-up competes with it for the CPU.
    /// </summary>
    private static async Task<IReadOnlyList<(string Id, string Name, string? Pid, string? Start)>> ListAsync(EngineCli cli, SessionInfo self, ILogger logger)
    {
        string[] labels =
        [
            $"{ContainerLabels.Managed}=true",
            $"{ContainerLabels.Mode}=run",
            $"{ContainerLabels.OwnerHost}={self.Host}",
            $"{ContainerLabels.OwnerUid}={self.Uid}",
        ];
        if (EngineApiCalls.TryCall(
                cli, logger, "ps", connection => EngineInspectApi.Containers(connection, labels),
                (endpoint, error) => EngineProblems.ExplainApi(cli.Engine, "ps", endpoint, error, null), out var containers))
        {
            return [.. containers.Select(c => (
                c.Id,
                c.Names is [var name, ..] ? name.TrimStart('/') : c.Id,
                c.Labels?.GetValueOrDefault(ContainerLabels.OwnerPid),
                c.Labels?.GetValueOrDefault(ContainerLabels.OwnerStart)))];
        }

        var format = string.Join('\t',
            "{{.ID}}",
            "{{.Names}}",
            $"{{{{.Label \"{ContainerLabels.OwnerPid}\"}}}}",
            $"{{{{.Label \"{ContainerLabels.OwnerStart}\"}}}}");
        var arguments = new List<string> { "ps", "-a", "--no-trunc" };
        foreach (var label in labels)
            arguments.AddRange(["--filter", $"label={label}"]);
        arguments.AddRange(["--format", format]);
        var listed = await cli.RunAsync(arguments);
        if (!listed.Succeeded)
            return [];

        // The start stamp is empty where the owner could not read it (the output's trailing tab is trimmed).
        return [.. listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 3)
            .Select(fields => (fields[0], fields[1], (string?)fields[2], fields.Length > 3 ? fields[3] : null))];
    }
}
