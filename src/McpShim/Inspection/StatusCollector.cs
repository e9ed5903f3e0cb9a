using System.Globalization;
using System.Text.Json;
using McpShim.Containers;
using McpShim.Platform;

namespace McpShim.Inspection;

/// <summary>
/// Gathers <c>mcpshim status</c>'s rows with three engine calls whatever the number of containers: <c>ps</c> by label,
/// one <c>inspect</c> for start times and images, one <c>stats --no-stream</c> for the running ones.
/// </summary>
internal static class StatusCollector
{
    public static async Task<IReadOnlyList<ContainerStatus>> CollectAsync(EngineCli cli, CancellationToken cancellationToken)
    {
        var containers = await ManagedContainers.ListAsync(cli, ownerUid: null, cancellationToken);
        if (containers.Count == 0)
            return [];

        // A container removed between the calls makes the engine exit non-zero; the others' lines are still good.
        var inspected = await cli.RunAsync(
            ["container", "inspect", "--format", "{{.Id}}\t{{.State.StartedAt}}\t{{.Image}}", .. containers.Select(c => c.Id)],
            cancellationToken: cancellationToken);
        var details = new Dictionary<string, (DateTimeOffset? Started, string Image)>(StringComparer.Ordinal);
        foreach (var line in inspected.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            if (f.Length >= 3)
                details[f[0]] = (EngineTimestamp.Parse(f[1]), f[2]);
        }

        var running = containers.Where(c => c.Running).Select(c => c.Id).ToList();
        var usage = running.Count == 0 ? [] : await StatsAsync(cli, running, cancellationToken);
        return containers.Select(c =>
        {
            var detail = details.GetValueOrDefault(c.Id);
            var use = usage.FirstOrDefault(u => c.Id.StartsWith(u.Key, StringComparison.Ordinal)).Value;
            var isRun = c.Mode == "run";
            return new ContainerStatus
            {
                Name = c.Name,
                Profile = c.Profile.Length > 0 ? c.Profile : c.Name,
                Mode = c.Mode.Length > 0 ? c.Mode : "?",
                State = c.State,
                StartedAt = detail.Started,
                ImageId = detail.Image,
                Cpu = use.Cpu,
                Memory = use.Memory,
                OwnerUser = c.OwnerUser,
                // A warm container outlives the session that created it: only a run-mode owner's death matters.
                OwnerPid = isRun && c.OwnerPid.Length > 0 ? c.OwnerPid : null,
                OwnerDead = isRun && IsDead(c),
            };
        }).ToList();
    }

    private static async Task<Dictionary<string, (string? Cpu, string? Memory)>> StatsAsync(EngineCli cli, List<string> ids, CancellationToken cancellationToken)
    {
        var usage = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        var stats = await cli.RunAsync(["stats", "--no-stream", "--no-trunc", "--format", "{{json .}}", .. ids], cancellationToken: cancellationToken);
        foreach (var line in stats.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (!root.TryGetProperty("ID", out var id) || id.GetString() is not { Length: > 0 } key)
                    continue;
                var cpu = root.TryGetProperty("CPUPerc", out var c) ? c.GetString() : null;
                var memory = root.TryGetProperty("MemUsage", out var m) ? m.GetString()?.Split(" / ", 2)[0].Trim() : null;
                usage[key] = (cpu, memory);
            }
            catch (JsonException)
            {
                // An engine that prints something else: the row shows "-".
            }
        }

        return usage;
    }

    private static bool IsDead(ManagedContainer c) =>
        c.OwnerHost == ProcessIdentity.Host &&
        int.TryParse(c.OwnerPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
        !ProcessIdentity.IsAlive(pid, c.OwnerStart);
}
