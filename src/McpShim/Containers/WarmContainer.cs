using McpShim.Containers.EngineApi;
using McpShim.Logging;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Secrets;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// The exec-mode container <c>mcpshim-PROFILE-USER</c>: hardened like a run-mode one, its main process a keep-alive
/// (<c>sleep infinity</c>) that runs as a uid of its own, so the sessions' user can end every process of theirs in it
/// without ending the container (<see cref="WarmSweep"/>). Sessions enter and leave it under a lock
/// (<see cref="WarmLeases"/>): the last one out sweeps it, and a container made with other secrets, env, mounts, user
/// or image than the profile has now is recreated by the first session that finds it idle (issue 14).
/// </summary>
/// <param name="stateFolder">Where its leases and the digest key live; null: mcpshim's state folder.</param>
internal sealed class WarmContainer(ResolvedProfile profile, SessionInfo session, EngineCli cli, ILogger logger, string? stateFolder = null)
{
    /// <summary>A keyed digest of what the warm container was made with (<see cref="WarmConfigDigest"/>).</summary>
    public const string ConfigLabel = "io.mcpshim.config";

    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(20);

    private Task<byte[]>? _key;
    private WarmLeases? _leases;
    private string? _user;
    private bool _sweepable;

    public string Name { get; } = ContainerLabels.WarmContainerName(profile, session);

    private string Folder => Path.Combine(stateFolder ?? ShimPlatform.Current.Folders.StateFolder, "warm");

    private WarmLeases Leases => _leases ??= new WarmLeases(Path.Combine(Folder, Name), session);

    /// <summary>
    /// The uid:gid of the container's init and keep-alive: nobody (65534), unless the sessions' user is nobody. Never
    /// root, and never the sessions' user, who may then not signal it.
    /// </summary>
    public static string KeepAliveUser(string sessionUser) =>
        sessionUser.Split(':')[0] is "65534" or "nobody" ? "65533:65533" : "65534:65534";

    /// <summary>Starts loading what the config digest needs (see <see cref="WarmConfigDigest.Prepare"/>) while the session does other things.</summary>
    public void Prepare() => _key ??= Task.Run(() =>
    {
        try
        {
            return WarmConfigDigest.Prepare(Folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"cannot keep the warm containers' key in {Folder} ({ex.Message}). It lives in mcpshim's state folder, " +
                "which must be yours and writable: 'mcpshim doctor' checks it.", ex);
        }
    });

    /// <summary>
    /// Makes sure the container runs as the profile says now and takes this session's lease on it. False when it was
    /// made otherwise and other sessions still use it: then this session must not enter it (its secrets would reach
    /// whatever runs there), and nothing was written or started.
    /// </summary>
    /// <param name="user">The sessions' user; the container's own is <see cref="KeepAliveUser"/>.</param>
    /// <param name="pins">The bind mounts' folders as checked: what a running container has mounted is compared with them.</param>
    public async Task<bool> EnterAsync(string user, string imageId, ContainerExtras extras, IReadOnlyList<SecretValue> secrets, MountPins pins, CancellationToken cancellationToken)
    {
        var keepAlive = KeepAliveUser(user);
        var flags = HardeningFlags.For(profile, session, Name, keepAlive, warm: true, extras.Mounts);
        var parts = DigestParts(flags, user, imageId, secrets);
        Prepare();

        using (await Leases.LockAsync(Name, cancellationToken))
        {
            var (liveOthers, hadDead) = Leases.Census();
            var (state, label, owner, ownerHost, running) = await StateAsync(cancellationToken);
            var key = await _key!; // loaded meanwhile
            if (state != State.Missing && owner != session.Uid)
            {
                // Seed 002: never run one user's session (and secrets) in a container another user controls.
                throw new StartupException(
                    $"refusing to use the warm container '{Name}': it belongs to uid {(string.IsNullOrEmpty(owner) ? "(unknown)" : owner)}, " +
                    $"not to you (uid {session.Uid}). mcpshim never runs your session in another user's container. " +
                    $"If it is stale, remove it: {cli.Engine} rm -f {Name}");
            }

            // A container made earlier holds what its folders were then: one replaced since (a checkout that recreated
            // it, or a swap) is not what this session checked, so the container counts as made otherwise.
            var stale = state != State.Missing && !WarmConfigDigest.Matches(label, key, parts)
                ? "its settings differ"
                : state == State.Running && running is { } live ? MountsDiffer(pins, live) : null;
            if (stale is not null)
            {
                if (liveOthers > 0)
                {
                    Log.WarmContainerBusyStale(logger, Name, profile.Name, liveOthers);
                    return false;
                }

                Log.WarmContainerRecreating(logger, Name, profile.Name, stale);
                var removed = await cli.RunAsync(["rm", "-f", Name], TimeSpan.FromSeconds(30), cancellationToken);
                if (!removed.Succeeded && !IsMissing(removed.Stderr))
                    throw new StartupException($"could not recreate the warm container '{Name}': " + EngineProblems.Explain(cli.Engine, "rm", removed, null));
                state = State.Missing;
                ownerHost = null;
            }

            // Before the container is made: a bind mount's source must exist, and be the folder that was checked.
            pins.Recheck();
            extras.WriteSecrets(secrets, user);
            if (state == State.Missing)
            {
                await CreateAsync(flags, WarmConfigDigest.New(key, parts), cancellationToken);
                await VerifyMountsAsync(pins, cancellationToken);
            }
            else if (state == State.Stopped)
            {
                await WaitRunningAsync(cancellationToken); // a fresh start: nothing of earlier sessions runs
                await VerifyMountsAsync(pins, cancellationToken);
            }

            // Another host (sharing a remote engine) may have sessions in it that this host cannot see.
            _sweepable = ownerHost is null || ownerHost == session.Host;
            if (state == State.Running && hadDead && liveOthers == 0 && _sweepable)
                await WarmSweep.RunAsync(cli, Name, user, keepAlive, logger); // a killed session did not sweep
            _user = user;
            Leases.Take();
        }

        return true;
    }

    /// <summary>
    /// Once the session's server is stopped: gives up the lease; the last session out sweeps the container. While
    /// others still use it, only <paramref name="stopOwnProcesses"/> runs (processes that kept the session's marker).
    /// </summary>
    public async Task LeaveAsync(Func<string, Task> stopOwnProcesses)
    {
        if (_user is not { } user)
            return;
        _user = null;
        try
        {
            using (await Leases.LockAsync(Name, CancellationToken.None))
            {
                Leases.Release();
                var (liveOthers, _) = Leases.Census();
                if (liveOthers == 0 && _sweepable)
                {
                    await WarmSweep.RunAsync(cli, Name, user, KeepAliveUser(user), logger);
                    return;
                }

                Log.WarmSweepDeferred(logger, Name, liveOthers);
                await stopOwnProcesses(user);
            }
        }
        catch (StartupException ex)
        {
            // The session is over either way; its lease, left behind, makes the next session sweep.
            Log.WarmLeaveFailed(logger, Name, ex.Message);
        }
    }

    /// <summary>
    /// Everything the container is made with, secret values included: the flags that shape it (user, mounts, limits,
    /// network; not the labels that differ per session), the image, the sessions' user and their environment.
    /// </summary>
    private List<string> DigestParts(IEnumerable<string> flags, string user, string imageId, IReadOnlyList<SecretValue> secrets)
    {
        var parts = new List<string> { "image", imageId, "user", user, "flags" };
        parts.AddRange(flags.Where(f => !f.StartsWith(ContainerLabels.Session, StringComparison.Ordinal) && !f.StartsWith("io.mcpshim.owner.", StringComparison.Ordinal)));
        parts.Add("env");
        parts.AddRange(HardeningFlags.Environment(profile, user, secrets).Select(e => $"{e.Key}={e.Value}"));
        parts.Add("secrets");
        foreach (var secret in secrets)
            parts.AddRange([secret.Name, secret.Value]);
        return parts;
    }

    private async Task CreateAsync(List<string> flags, string config, CancellationToken cancellationToken)
    {
        await EngineRuntimes.EnsureAsync(profile, cli, logger, cancellationToken);
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

        // A session on another host (sharing a remote engine) created it first.
        await WaitRunningAsync(cancellationToken);
    }

    /// <summary>Starts it when stopped (idempotent) and waits until it runs.</summary>
    private async Task WaitRunningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartWait;
        while (DateTime.UtcNow < deadline)
        {
            var (state, _, _, _, _) = await StateAsync(cancellationToken);
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
    /// Once the container this session made (or started) runs, each bind mount must be the folder that was checked; a
    /// difference removes it and stops the session (a swap during the start, issue 14).
    /// </summary>
    private async Task VerifyMountsAsync(MountPins pins, CancellationToken cancellationToken)
    {
        if (pins.Pins.Count == 0)
            return;
        var (_, _, _, _, running) = await StateAsync(cancellationToken);
        try
        {
            if (running is { } live)
                Log.MountsVerified(logger, pins.Verify(live.Pid, live.Id));
            else
                pins.Recheck();
        }
        catch (StartupException)
        {
            await cli.RunAsync(["rm", "-f", Name], TimeSpan.FromSeconds(30), CancellationToken.None);
            throw;
        }
    }

    /// <summary>Null when the running container's bind mounts are the checked folders; else why not.</summary>
    private static string? MountsDiffer(MountPins pins, (int Pid, string Id) live)
    {
        if (pins.Pins.Count == 0)
            return null;
        try
        {
            pins.Verify(live.Pid, live.Id);
            return null;
        }
        catch (StartupException)
        {
            return "a folder it mounts is not the one the profile names now";
        }
    }

    private static bool IsMissing(string stderr) =>
        stderr.Contains("No such", StringComparison.OrdinalIgnoreCase) || stderr.Contains("no container", StringComparison.OrdinalIgnoreCase);

    /// <summary>Through the Engine API when it is reachable (every session asks), else <c>ENGINE container inspect</c>.</summary>
    private async Task<(State State, string? Config, string? Owner, string? OwnerHost, (int Pid, string Id)? Running)> StateAsync(CancellationToken cancellationToken)
    {
        if (EngineApiCalls.TryCall(
                cli, logger, "container inspect", connection => EngineInspectApi.Container(connection, Name),
                (endpoint, error) => EngineProblems.ExplainApi(cli.Engine, "container inspect", endpoint, error, null), out var inspection))
        {
            if (inspection is null)
                return (State.Missing, null, null, null, null);
            var running = inspection is { State: { Running: true, Pid: > 0 } live, Id: { Length: > 0 } id } ? (live.Pid, id) : ((int, string)?)null;
            return (inspection.State?.Running == true ? State.Running : State.Stopped, inspection.Label(ConfigLabel),
                inspection.Label(ContainerLabels.OwnerUid), inspection.Label(ContainerLabels.OwnerHost), running);
        }

        var format = string.Join('|',
            "{{.State.Running}}",
            $"{{{{index .Config.Labels \"{ConfigLabel}\"}}}}",
            $"{{{{index .Config.Labels \"{ContainerLabels.OwnerUid}\"}}}}",
            $"{{{{index .Config.Labels \"{ContainerLabels.OwnerHost}\"}}}}",
            "{{.State.Pid}}",
            "{{.Id}}");
        var result = await cli.RunAsync(["container", "inspect", "--format", format, Name], cancellationToken: cancellationToken);
        if (result.Succeeded)
        {
            var parts = result.Stdout.Trim().Split('|');
            var running = parts[0] == "true" && parts.Length > 5 &&
                          int.TryParse(parts[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 0
                ? (pid, parts[5])
                : ((int, string)?)null;
            return (parts[0] == "true" ? State.Running : State.Stopped, Part(parts, 1), Part(parts, 2), Part(parts, 3), running);
        }

        if (IsMissing(result.Stderr))
            return (State.Missing, null, null, null, null);
        throw new StartupException(EngineProblems.Explain(cli.Engine, "container inspect", result, null));
    }

    private static string? Part(string[] parts, int index) =>
        parts.Length > index && parts[index] != "<no value>" ? parts[index] : null;

    private enum State
    {
        Missing,
        Stopped,
        Running,
    }
}
