using System.Text.RegularExpressions;
using McpShim.Audit;

namespace McpShim.Profiles;

/// <summary>Applies defaults to a profile, checks what the JSON schema alone cannot, and resolves paths.</summary>
internal static partial class ProfileResolver
{
    public static ResolvedProfile Resolve(ProfileCatalog catalog, string name)
    {
        var entry = catalog.Get(name);
        var spec = entry.Spec;
        var at = $"$.profiles.{name}";
        ConfigException Error(string path, string problem) => ConfigException.At(entry.Source, at + path, problem);

        if (!ProfileName().IsMatch(name))
            throw Error(string.Empty, "profile names use lowercase letters, digits, '.', '_' and '-' (they become container names).");

        var mode = spec.Mode ?? ProfileMode.Run;
        if (mode != ProfileMode.Local && string.IsNullOrWhiteSpace(spec.Image))
            throw Error(".image", $"mode '{mode.Name()}' needs an image, e.g. \"image\": \"mcpshim/everything:latest\" (or use \"mode\": \"local\").");
        if (mode == ProfileMode.Local && (spec.Command is null || spec.Command.Length == 0))
            throw Error(".command", "mode 'local' runs a command on the host; give it, e.g. \"command\": [\"npx\", \"-y\", \"@modelcontextprotocol/server-everything\"].");
        if (spec.Command is { Length: 0 })
            throw Error(".command", "is empty; remove it to use the image's own command, or name the program to run.");
        if (mode != ProfileMode.Local && ImageReference.Parse(spec.Image!, out var imageProblem) is null)
            throw Error(".image", imageProblem);

        var env = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in spec.Env ?? [])
        {
            if (!EnvName().IsMatch(key))
                throw Error($".env.{key}", "is not a valid environment variable name (letters, digits and '_', not starting with a digit).");
            env.Add(new(key, value));
        }

        var volumes = new List<ResolvedVolume>();
        for (var i = 0; i < (spec.Volumes?.Length ?? 0); i++)
        {
            var v = spec.Volumes![i];
            if (string.IsNullOrWhiteSpace(v.Host) == string.IsNullOrWhiteSpace(v.Volume))
                throw Error($".volumes[{i}]", "needs either \"host\" (a host folder or file, e.g. \"~/projects\") or \"volume\" (a named volume, e.g. \"mcpshim-memory\"), not both.");
            if (mode == ProfileMode.Local)
            {
                volumes.Add(LocalVolume(v, i, entry, Error));
                continue;
            }

            if (string.IsNullOrWhiteSpace(v.Container))
                throw Error($".volumes[{i}].container", "is required and must be an absolute path inside the container, e.g. \"/workspace\".");
            var target = ContainerPaths.Normalise(v.Container, rootAllowed: false, out var targetProblem)
                ?? throw Error($".volumes[{i}].container", targetProblem);
            if (v.Volume is { Length: > 0 } named)
            {
                if (!VolumeName().IsMatch(named))
                    throw Error($".volumes[{i}].volume", "is not a volume name (letters, digits, '_', '.', '-'; no '/').");
                volumes.Add(new ResolvedVolume(named, target, v.ReadOnly ?? true, Named: true));
                continue;
            }

            if (ControlCharacters.In(v.Host!))
            {
                throw Error($".volumes[{i}].host",
                    $"'{ControlCharacters.Escape(v.Host!)}' holds a control character (a newline, a tab...); name the folder without it.");
            }

            volumes.Add(new ResolvedVolume(PathExpander.Expand(v.Host!, entry.BaseFolder), target, v.ReadOnly ?? true));
        }

        var safety = SafetyRules.Apply(name, spec, mode, catalog, entry, volumes, Error);
        var (sandbox, sandboxWarnings) = Sandbox.SandboxSettingsResolver.Resolve(
            name, spec, mode, entry, Path.GetDirectoryName(SafetyRules.ResolveSecretsFile(catalog)) ?? ConfigPaths.Home, safety.Network == "none", Error);
        var limits = ResolveLimits(spec.Limits, endpoint: spec.Engine?.Host ?? spec.Engine?.Context, Error);
        var command = spec.Command;
        if (mode == ProfileMode.Local && PathExpander.LooksLikePath(command![0]))
            command = [PathExpander.Expand(command[0], entry.BaseFolder), .. command[1..]];

        if (spec.GraceSeconds is < 0 or > 300)
            throw Error(".graceSeconds", "must be between 0 and 300.");
        if (spec.MaxFrameBytes is < 1024)
            throw Error(".maxFrameBytes", "must be at least 1024 bytes.");
        var workdir = spec.Workdir is null ? null
            : ContainerPaths.Normalise(spec.Workdir, rootAllowed: true, out var workdirProblem) ?? throw Error(".workdir", workdirProblem);

        var (buildContext, update, checkInterval) = ResolveUpdates(spec, mode, entry, Error);
        var endpoint = ResolveEndpoint(spec.Engine, Error);
        var engine = !string.IsNullOrWhiteSpace(spec.Engine?.Name) ? spec.Engine.Name
            : Environment.GetEnvironmentVariable(Platform.EngineLocator.EngineEnv) is { Length: > 0 } fromEnv ? fromEnv
            : "docker";
        if (PathExpander.LooksLikePath(engine))
            engine = PathExpander.Expand(engine, entry.BaseFolder);

        return new ResolvedProfile
        {
            Name = name,
            Source = entry.Source,
            Mode = mode,
            Image = spec.Image,
            BuildContext = buildContext,
            Update = update,
            CheckInterval = checkInterval,
            Command = command,
            Env = env,
            Volumes = safety.Volumes,
            Secrets = safety.Secrets,
            SecretsAs = spec.SecretsAs ?? SecretsDelivery.Env,
            SecretsFile = SafetyRules.ResolveSecretsFile(catalog),
            AllowedRoots = safety.AllowedRoots,
            UnsafeWarnings = [.. safety.Warnings, .. sandboxWarnings],
            Risk = spec.Risk ?? RiskLevel.Low,
            Privileged = spec.Privileged == true,
            PidHost = spec.Pid is not null,
            CapAdd = spec.CapAdd ?? [],
            ReadOnlyRoot = spec.ReadOnlyRoot != false,
            Network = safety.Network,
            Runtime = safety.Runtime,
            Sandbox = sandbox,
            Limits = limits,
            Engine = engine,
            EngineEndpoint = endpoint,
            User = safety.User,
            Workdir = workdir,
            Grace = TimeSpan.FromSeconds(spec.GraceSeconds ?? ResolvedProfile.DefaultGraceSeconds),
            MaxFrameBytes = spec.MaxFrameBytes ?? ResolvedProfile.DefaultMaxFrameBytes,
            AuditPath = ResolveAuditPath(catalog),
            AuditArguments = catalog.Audit?.Arguments ?? ArgumentsMode.Keys,
            Policy = McpShim.Policy.ToolPolicyResolver.Resolve(spec.Policy, entry, Error),
        };
    }

    /// <summary>
    /// A local profile's volume (issue 16): a host folder or file the sandboxed server may read (and, with
    /// <c>"readOnly": false</c>, write) at its own path. There is no container to mount it into, so "container" may be
    /// left out, and a different one is refused rather than silently ignored.
    /// </summary>
    private static ResolvedVolume LocalVolume(VolumeSpec v, int i, ProfileEntry entry, Func<string, string, ConfigException> error)
    {
        if (v.Volume is { Length: > 0 })
            throw error($".volumes[{i}].volume", "mode 'local' has no named volumes; give a host folder with \"host\" (or use \"mode\": \"run\").");
        var host = PathExpander.Expand(v.Host!, entry.BaseFolder);
        if (v.Container is { Length: > 0 } container && Path.TrimEndingDirectorySeparator(container) != Path.TrimEndingDirectorySeparator(host))
        {
            throw error($".volumes[{i}].container", $"mode 'local' runs the server on this host, where it sees '{host}' at that same path; it cannot appear at '{container}'. Remove \"container\" (or use \"mode\": \"run\").");
        }

        return new ResolvedVolume(host, host, v.ReadOnly ?? true);
    }

    public static string ResolveAuditPath(ProfileCatalog catalog)
    {
        if (Environment.GetEnvironmentVariable(ConfigPaths.AuditEnv) is { Length: > 0 } fromEnv)
            return PathExpander.Expand(fromEnv, Environment.CurrentDirectory);
        if (catalog.Audit?.Path is { Length: > 0 } configured)
            return PathExpander.Expand(configured, Path.GetDirectoryName(catalog.File) ?? Environment.CurrentDirectory);
        return ConfigPaths.DefaultAuditFile;
    }

    private static (string? Build, UpdatePolicy Update, TimeSpan Interval) ResolveUpdates(
        ProfileSpec spec, ProfileMode mode, ProfileEntry entry, Func<string, string, ConfigException> error)
    {
        if (mode == ProfileMode.Local && spec.Build is not null)
            throw error(".build", "mode 'local' has no image to build; remove \"build\" or use \"mode\": \"run\".");
        if (mode == ProfileMode.Local && spec.Update == UpdatePolicy.Startup)
            throw error(".update", "mode 'local' has no image to update; remove \"update\" or use \"mode\": \"run\".");
        if (spec.Build is { } build && string.IsNullOrWhiteSpace(build))
            throw error(".build", "is empty; give the folder holding the Dockerfile, e.g. \"build\": \"~/src/my-server\".");

        var interval = ResolvedProfile.DefaultCheckInterval;
        if (spec.CheckInterval is { } text && (!DurationText.TryParse(text, out interval) || interval < TimeSpan.FromMinutes(1)))
            throw error(".checkInterval", $"'{text}' is not a duration of a minute or more; use e.g. \"24h\", \"7d\" or \"30m\".");
        var context = spec.Build is { } folder ? PathExpander.Expand(folder, entry.BaseFolder) : null;
        return (context, spec.Update ?? UpdatePolicy.Manual, interval);
    }

    private static Containers.EngineEndpoint? ResolveEndpoint(EngineSpec? spec, Func<string, string, ConfigException> error)
    {
        if (spec is null || spec.Host is null && spec.Context is null)
            return null;
        if (spec.Host is not null && spec.Context is not null)
            throw error(".engine", "give either \"host\" (a DOCKER_HOST URL) or \"context\" (a docker context name), not both.");
        if (spec.Host is { } host && !EngineHost().IsMatch(host))
            throw error(".engine.host", $"'{host}' is not an engine URL; use e.g. \"tcp://build-box:2375\", \"ssh://me@build-box\" or \"unix:///run/docker.sock\".");
        if (spec.Context is { } context && !ContextName().IsMatch(context))
            throw error(".engine.context", $"'{context}' is not a context name (letters, digits, '_', '.', '+', '-'); see 'docker context ls'.");
        return new Containers.EngineEndpoint(spec.Host, spec.Context);
    }

    /// <summary>Limits are limits: each positive and at least what the engine can enforce (issue 14).</summary>
    /// <param name="endpoint">A remote engine's host or context: its machine's CPUs are not this machine's.</param>
    private static ResolvedLimits ResolveLimits(LimitsSpec? spec, string? endpoint, Func<string, string, ConfigException> error)
    {
        var defaults = ResolvedLimits.Default;
        if (spec is null)
            return defaults;
        if (spec.Memory is { } memory && MemorySize.Parse(memory, out var memoryProblem) is null)
            throw error(".limits.memory", memoryProblem);
        if (spec.Cpus is < 0.01 or > 1024)
            throw error(".limits.cpus", "must be a positive number of CPUs from 0.01, e.g. 1.0 or 0.5.");
        if (endpoint is null && spec.Cpus > Environment.ProcessorCount)
            throw error(".limits.cpus", $"asks for {spec.Cpus} CPUs, but this machine has {Environment.ProcessorCount}; the engine would refuse it. Give at most {Environment.ProcessorCount}, e.g. 1.0.");
        if (spec.Pids is <= 0)
            throw error(".limits.pids", "must be a positive number of processes, e.g. 256.");
        return new ResolvedLimits(spec.Memory ?? defaults.Memory, spec.Cpus ?? defaults.Cpus, spec.Pids ?? defaults.Pids);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,62}\\z")]
    private static partial Regex ProfileName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*\\z")]
    private static partial Regex VolumeName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    private static partial Regex EnvName();

    [GeneratedRegex("^(tcp|ssh|unix|npipe|fd|http|https)://[^\\s]+\\z")]
    private static partial Regex EngineHost();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.+-]*\\z")]
    private static partial Regex ContextName();
}
