using System.Globalization;
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
            var format = string.Join('\t',
                "{{.ID}}",
                "{{.Names}}",
                $"{{{{.Label \"{ContainerLabels.OwnerPid}\"}}}}",
                $"{{{{.Label \"{ContainerLabels.OwnerStart}\"}}}}");
            var listed = await cli.RunAsync([
                "ps", "-a", "--no-trunc",
                "--filter", $"label={ContainerLabels.Managed}=true",
                "--filter", $"label={ContainerLabels.Mode}=run",
                "--filter", $"label={ContainerLabels.OwnerHost}={self.Host}",
                "--filter", $"label={ContainerLabels.OwnerUid}={self.Uid}",
                "--format", format,
            ]);
            if (!listed.Succeeded)
                return;
            foreach (var line in listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // The start stamp is empty where the owner could not read it (the output's trailing tab is trimmed).
                var fields = line.Split('\t');
                if (fields.Length < 3 || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    continue;
                if (pid == self.Pid || Platform.ProcessIdentity.IsAlive(pid, fields.Length > 3 ? fields[3] : null))
                    continue;
                var removed = await cli.RunAsync(["rm", "-f", fields[0]]);
                if (removed.Succeeded)
                    Log.OrphanRemoved(logger, fields[1], pid);
            }
        }
        catch (Exception ex) when (ex is StartupException or IOException or InvalidOperationException)
        {
            Log.OrphanScanFailed(logger, ex.Message);
        }
    }
}
