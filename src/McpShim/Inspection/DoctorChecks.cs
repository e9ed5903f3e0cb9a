using System.Globalization;
using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Inspection;

/// <summary>
/// <c>mcpshim doctor</c>'s checks, in the order a user would fix them: the engine, the configuration and its file
/// modes, each profile's image, the audit file, the MCP clients' files, the clock and the disk. A check that cannot run says why.
/// </summary>
internal static partial class DoctorChecks
{
    private const long FailBelowBytes = 200L << 20;
    private const long WarnBelowBytes = 2L << 30;
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(15);

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(string? configFile, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var engine = Environment.GetEnvironmentVariable(EngineLocator.EngineEnv) is { Length: > 0 } fromEnv ? fromEnv : "docker";
        var cli = new EngineCli(engine);
        var engineUp = await CheckEngineAsync(cli, checks, cancellationToken);
        if (engineUp)
            checks.Add(CheckEngineApi(cli));

        var catalog = CheckConfig(configFile, checks);
        var profiles = catalog is null ? [] : CheckProfiles(catalog, checks);
        if (catalog is not null)
            CheckSecretsFile(catalog, checks);
        foreach (var target in EngineTargets.From(configFile).Where(t => t.IsRemote))
            await CheckRemoteEngineAsync(target, checks, cancellationToken);
        foreach (var profile in profiles)
        {
            if (RemoteEngineWarning.BindMounts(profile) is { } warning)
                checks.Add(new("remote mounts", CheckOutcome.Warn, warning, "create those folders on the engine's machine, or switch to named volumes."));
        }

        if (engineUp)
            await CheckImagesAsync(profiles, engine, checks, cancellationToken);
        else
            checks.Add(new("images", CheckOutcome.Warn, "not checked: the engine does not answer (see above)."));
        if (engineUp)
            checks.AddRange(await CheckRuntimesAsync(cli, profiles, cancellationToken));

        checks.AddRange(await CheckSandboxAsync(profiles, ShimPlatform.Current.Sandbox, cancellationToken));
        var auditPath = catalog is null ? null : ProfileResolver.ResolveAuditPath(catalog);
        if (auditPath is not null)
            checks.Add(CheckAuditWritable(auditPath));
        var platform = ShimPlatform.Current;
        checks.AddRange(CheckClientFiles(McpShim.ClientConfig.ClientFileLocations.Known(platform.ClientApps, Environment.CurrentDirectory), platform.ClientApps, platform.Host));
        checks.Add(await CheckClockAsync(cli, engineUp, cancellationToken));
        checks.AddRange(await CheckDiskAsync(cli, engineUp, auditPath, cancellationToken));
        return checks;
    }

    private static async Task<bool> CheckEngineAsync(EngineCli cli, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        try
        {
            var version = await cli.RunAsync(["version", "--format", "{{.Server.Version}}"], EngineTimeout, cancellationToken);
            if (version.Succeeded && version.Stdout.Length > 0)
            {
                checks.Add(new("engine", CheckOutcome.Ok, $"{cli.Engine} {version.Stdout.Split('\n')[0].Trim()} answers ({cli.Executable})"));
                return true;
            }

            checks.Add(new(
                "engine",
                CheckOutcome.Fail,
                $"{cli.Executable} is installed but the engine does not answer: {EngineProblems.Explain(cli.Engine, "version", version, null)}",
                $"start the engine (Docker Desktop, 'sudo systemctl start docker', 'podman machine start'), then check '{cli.Engine} info'."));
        }
        catch (StartupException ex)
        {
            checks.Add(new("engine", CheckOutcome.Fail, ex.Message, $"install Docker or Podman, or set {EngineLocator.EngineEnv} to the engine CLI's path."));
        }

        return false;
    }

    /// <summary>
    /// Whether exec-mode sessions (and the checks before any session) can talk to the Engine API directly, or go
    /// through the engine CLI, which works but costs a process per call and a hop per frame.
    /// </summary>
    private static DoctorCheck CheckEngineApi(EngineCli cli)
    {
        var (endpoint, reason) = cli.ApiEndpoint();
        if (endpoint is null)
            return new("engine API", CheckOutcome.Ok, $"sessions use the {cli.Engine} CLI: {reason}");
        try
        {
            using var connection = Containers.EngineApi.EngineApiConnection.Open(endpoint, TimeSpan.FromSeconds(5));
            connection.SetTimeout(TimeSpan.FromSeconds(5));
            var (head, _) = connection.Send("GET", "/_ping", null);
            return head.Status == 200
                ? new("engine API", CheckOutcome.Ok, $"{endpoint} answers: exec sessions and start-up checks use it")
                : new("engine API", CheckOutcome.Warn, $"{endpoint} answered HTTP {head.Status} to a ping: sessions fall back to the {cli.Engine} CLI (slower).",
                    $"check the engine's health ('{cli.Engine} info'), or set {Containers.EngineApi.EngineApiEndpoint.ExecViaEnv}=cli to silence this.");
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            return new("engine API", CheckOutcome.Warn, $"{endpoint} cannot be used ({ex.Message}): sessions fall back to the {cli.Engine} CLI (slower).",
                $"let your user open the socket (e.g. the 'docker' group, then log in again), or set {Containers.EngineApi.EngineApiEndpoint.ExecViaEnv}=cli to silence this.");
        }
    }

    /// <summary>A remote engine (issue 6) answers, or the profiles using it cannot start.</summary>
    private static async Task CheckRemoteEngineAsync(EngineTarget target, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        var name = $"engine ({target.Cli.Endpoint})";
        var fix = $"check that {target.Cli.Endpoint} is reachable from here ('{target.Cli.Engine} -H HOST info' or 'docker context ls'); used by {string.Join(", ", target.Profiles)}.";
        try
        {
            var version = await target.Cli.RunAsync(["version", "--format", "{{.Server.Version}}"], EngineTimeout, cancellationToken);
            checks.Add(version.Succeeded && version.Stdout.Length > 0
                ? new(name, CheckOutcome.Ok, $"{target.Cli.Engine} {version.Stdout.Split('\n')[0].Trim()} answers, for {string.Join(", ", target.Profiles)}")
                : new(name, CheckOutcome.Fail, EngineProblems.Explain(target.Cli.Engine, "version", version, null), fix));
        }
        catch (StartupException ex)
        {
            checks.Add(new(name, CheckOutcome.Fail, ex.Message, fix));
        }
    }

    private static async Task CheckImagesAsync(IReadOnlyList<ResolvedProfile> profiles, string defaultEngine, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        foreach (var group in profiles.Where(p => p.Mode != ProfileMode.Local && p.Image is not null).GroupBy(p => (p.Engine, p.EngineEndpoint, p.Image!)))
        {
            var (engine, endpoint, image) = group.Key;
            var names = string.Join(", ", group.Select(p => p.Name));
            var builtInOnly = group.All(p => p.Source == BuiltInProfiles.Source);
            var cli = EngineClients.For(group.First());
            var shown = endpoint is null ? image : $"{image} (on {endpoint})";
            EngineResult found;
            try
            {
                found = await cli.RunAsync(["image", "inspect", "--format", "{{.Id}}", image], EngineTimeout, cancellationToken);
            }
            catch (StartupException ex)
            {
                checks.Add(new("image", engine == defaultEngine ? CheckOutcome.Fail : CheckOutcome.Warn, $"{shown}: could not ask {engine}: {ex.Message}"));
                continue;
            }

            if (found.Succeeded)
            {
                var id = found.Stdout.Trim();
                var digest = id.StartsWith("sha256:", StringComparison.Ordinal) && id.Length >= 19 ? id[7..19] : id;
                checks.Add(new("image", CheckOutcome.Ok, $"{shown} present ({digest}), used by {names}"));
                continue;
            }

            // A built-in profile nobody configured is not worth failing for; one from the user's file is.
            var fix = endpoint is not null ? $"pull or build it on that engine: mcpshim update {group.First().Name}"
                : image.StartsWith("mcpshim/", StringComparison.Ordinal)
                ? "build it: './build.sh images' in the mcpshim repository."
                : $"pull it: {engine} pull {image}";
            checks.Add(new("image", builtInOnly ? CheckOutcome.Warn : CheckOutcome.Fail, $"{shown} missing, needed by {names}", fix));
        }
    }

    private static async Task<DoctorCheck> CheckClockAsync(EngineCli cli, bool engineUp, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var local = now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
        if (now.Year < 2024)
            return new("clock", CheckOutcome.Fail, $"this machine says it is {local}", "set the clock (e.g. 'timedatectl set-ntp true').");
        if (!engineUp)
            return new("clock", CheckOutcome.Ok, $"{local} (engine time not compared: the engine does not answer)");

        var info = await cli.RunAsync(["info", "--format", "{{.SystemTime}}"], EngineTimeout, cancellationToken);
        if (!info.Succeeded || EngineTimestamp.Parse(info.Stdout) is not { } engineTime)
            return new("clock", CheckOutcome.Ok, $"{local} (this engine does not report its time)");
        var skew = (engineTime - now).Duration();
        var detail = $"{local}, engine differs by {skew.TotalSeconds:0.#} s";
        return skew > TimeSpan.FromMinutes(5) ? new("clock", CheckOutcome.Fail, detail, "sync both clocks with NTP; audit timestamps and TLS depend on them.")
            : skew > TimeSpan.FromSeconds(30) ? new("clock", CheckOutcome.Warn, detail, "sync both clocks with NTP.")
            : new("clock", CheckOutcome.Ok, detail);
    }

    private static async Task<List<DoctorCheck>> CheckDiskAsync(EngineCli cli, bool engineUp, string? auditPath, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        if (auditPath is not null && NearestExistingFolder(Path.GetDirectoryName(auditPath)) is { } auditFolder)
            checks.Add(FreeSpace("disk (audit)", auditFolder));
        if (engineUp)
        {
            var root = await cli.RunAsync(["info", "--format", "{{.DockerRootDir}}"], EngineTimeout, cancellationToken);
            if (root.Succeeded && root.Stdout.Trim() is { Length: > 0 } folder && Directory.Exists(folder))
                checks.Add(FreeSpace("disk (engine)", folder));
        }

        return checks;
    }

    private static DoctorCheck FreeSpace(string name, string folder)
    {
        long free;
        try
        {
            free = new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new(name, CheckOutcome.Warn, $"could not read the free space of {folder}: {ex.Message}");
        }

        var detail = $"{free / (double)(1L << 30):0.0} GiB free at {folder}";
        return free < FailBelowBytes ? new(name, CheckOutcome.Fail, detail, "free some space (e.g. 'docker system df', then 'mcpshim prune').")
            : free < WarnBelowBytes ? new(name, CheckOutcome.Warn, detail, "free some space soon.")
            : new(name, CheckOutcome.Ok, detail);
    }
}
