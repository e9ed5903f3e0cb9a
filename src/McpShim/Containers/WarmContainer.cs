using System.Globalization;
using System.Text;
using McpShim.Containers.EngineApi;
using McpShim.Logging;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// The exec-mode container <c>mcpshim-PROFILE-USER</c>: hardened like a run-mode one, its main process a keep-alive
/// (<c>sleep infinity</c>). Two sessions starting it at the same moment both succeed: one creates it, the other sees
/// the name conflict and waits for it to run.
/// </summary>
internal sealed class WarmContainer(ResolvedProfile profile, SessionInfo session, EngineCli cli, ILogger logger)
{
    /// <summary>A digest of what the warm container was created with, to notice a profile or image change.</summary>
    public const string ConfigLabel = "io.mcpshim.config";

    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(20);

    public string Name { get; } = ContainerLabels.WarmContainerName(profile, session);

    public async Task EnsureRunningAsync(string user, string imageId, IReadOnlyList<string> extraMounts, CancellationToken cancellationToken)
    {
        var flags = HardeningFlags.For(profile, session, Name, user, warm: true, extraMounts);
        var config = ConfigDigest(flags, imageId);
        var (state, runningConfig, owner) = await StateAsync(cancellationToken);
        if (state != State.Missing && owner != session.Uid)
        {
            // Seed 002: never run one user's session (and secrets) in a container another user controls.
            throw new StartupException(
                $"refusing to use the warm container '{Name}': it belongs to uid {(string.IsNullOrEmpty(owner) ? "(unknown)" : owner)}, " +
                $"not to you (uid {session.Uid}). mcpshim never runs your session in another user's container. " +
                $"If it is stale, remove it: {cli.Engine} rm -f {Name}");
        }

        if (state != State.Missing && runningConfig != config)
            Log.WarmContainerStale(logger, Name, profile.Name, cli.Engine);
        if (state == State.Running)
            return;
        if (state == State.Missing)
        {
            var arguments = new List<string> { "run" };
            arguments.AddRange(flags);
            arguments.AddRange(["--label", $"{ConfigLabel}={config}", "--entrypoint", "sleep", profile.Image!, "infinity"]);
            var created = await cli.RunAsync(arguments, cancellationToken: cancellationToken);
            if (created.Succeeded)
                return;
            if (!created.Stderr.Contains("already in use", StringComparison.OrdinalIgnoreCase) &&
                !created.Stderr.Contains("Conflict", StringComparison.OrdinalIgnoreCase))
            {
                throw new StartupException(
                    $"could not start the warm container '{Name}': " + EngineProblems.Explain(cli.Engine, "run", created, profile.Image));
            }
        }

        // Another session created it, or it was stopped: start it (idempotent) and wait until it runs.
        var deadline = DateTime.UtcNow + StartWait;
        while (DateTime.UtcNow < deadline)
        {
            (state, _, _) = await StateAsync(cancellationToken);
            if (state == State.Running)
                return;
            if (state == State.Stopped)
                await cli.RunAsync(["start", Name], cancellationToken: cancellationToken);
            await Task.Delay(100, cancellationToken);
        }

        throw new StartupException(
            $"the warm container '{Name}' did not start within {StartWait.TotalSeconds:0} s. " +
            $"See '{cli.Engine} logs {Name}'; remove it with '{cli.Engine} rm -f {Name}' to have it recreated.");
    }

    /// <summary>
    /// Session and owner labels differ per session and are left out: the digest covers the image and the flags that
    /// shape the container (user, mounts, limits, network).
    /// </summary>
    private static string ConfigDigest(IEnumerable<string> flags, string imageId)
    {
        var stable = flags.Where(f => !f.StartsWith(ContainerLabels.Session, StringComparison.Ordinal) && !f.StartsWith("io.mcpshim.owner.", StringComparison.Ordinal));
        var text = imageId + "\n" + string.Join('\n', stable);
        // FNV-1a 64: stable across processes (unlike string.GetHashCode) and needs no crypto library at start-up.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 1099511628211UL;
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>Through the Engine API when it is reachable (every session asks), else <c>ENGINE container inspect</c>.</summary>
    private async Task<(State State, string? Config, string? Owner)> StateAsync(CancellationToken cancellationToken)
    {
        if (EngineApiCalls.TryCall(
                cli, logger, "container inspect", connection => EngineInspectApi.Container(connection, Name),
                (endpoint, error) => EngineProblems.ExplainApi(cli.Engine, "container inspect", endpoint, error, null), out var inspection))
        {
            return inspection is null
                ? (State.Missing, null, null)
                : (inspection.State?.Running == true ? State.Running : State.Stopped, inspection.Label(ConfigLabel), inspection.Label(ContainerLabels.OwnerUid));
        }

        var format = $"{{{{.State.Running}}}}|{{{{index .Config.Labels \"{ConfigLabel}\"}}}}|{{{{index .Config.Labels \"{ContainerLabels.OwnerUid}\"}}}}";
        var result = await cli.RunAsync(["container", "inspect", "--format", format, Name], cancellationToken: cancellationToken);
        if (result.Succeeded)
        {
            var parts = result.Stdout.Trim().Split('|');
            return (parts[0] == "true" ? State.Running : State.Stopped, parts.Length > 1 ? parts[1] : null, parts.Length > 2 ? parts[2] : null);
        }

        if (result.Stderr.Contains("No such", StringComparison.OrdinalIgnoreCase) || result.Stderr.Contains("no container", StringComparison.OrdinalIgnoreCase))
            return (State.Missing, null, null);
        throw new StartupException(EngineProblems.Explain(cli.Engine, "container inspect", result, null));
    }

    private enum State
    {
        Missing,
        Stopped,
        Running,
    }
}
