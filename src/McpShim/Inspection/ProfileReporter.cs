using System.Globalization;
using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Secrets;

namespace McpShim.Inspection;

/// <summary>
/// Builds <c>mcpshim show</c>'s report from a resolved profile without starting anything and without resolving a
/// single secret: the commands come from the same <see cref="HardeningFlags"/> and <see cref="ContainerLabels"/> a
/// session uses, with placeholders where a session would fill in its own id, pid and secrets folder.
/// </summary>
internal static class ProfileReporter
{
    public const string SessionPlaceholder = "<session>";
    public const string PidPlaceholder = "<pid>";
    public const string StartPlaceholder = "<start>";
    public const string SecretsFolderPlaceholder = "<session secrets folder>";

    private static readonly Lazy<HashSet<string>> BuiltInNames = new(() =>
        [.. ProfilesFileReader.Parse(BuiltInProfiles.Json, BuiltInProfiles.Source).Profiles!.Keys]);

    /// <param name="image">The image's inspection, or null when it could not be inspected (<paramref name="imageProblem"/> says why).</param>
    /// <param name="owner">Whose session it would be: user, uid and host go into the labels and the warm container's name.</param>
    public static ProfileReport Build(ProfileCatalog catalog, ResolvedProfile profile, ImageInspection? image, string? imageProblem, SessionInfo owner, IHostEnvironment host)
    {
        var entry = catalog.Get(profile.Name);
        var session = owner with { Id = SessionPlaceholder, Pid = 0, StartStamp = owner.StartStamp is null ? null : StartPlaceholder };
        var user = HardeningFlags.ChooseUser(profile, image?.Config);
        var placeholders = profile.Secrets.Select(s => new SecretValue(s.Name!, string.Empty, "not resolved")).ToList();
        var env = HardeningFlags.Environment(profile, user, placeholders);

        var warnings = new List<string>();
        var commands = new List<PlannedCommand>();
        var serverEnvironment = new List<string>();
        SandboxReport? sandbox = null;
        switch (profile.Mode)
        {
            case ProfileMode.Local:
                // No container: the server inherits your environment, plus the profile's variables and its secrets.
                (sandbox, var local) = SandboxReporter.Build(profile, ShimPlatform.Current.Sandbox);
                commands.Add(local);
                serverEnvironment.AddRange(profile.Env.Select(e => e.Key));
                serverEnvironment.AddRange(placeholders.Select(s => s.Name));
                break;
            case ProfileMode.Exec:
                commands.AddRange(ExecCommands(profile, session, user, image, env, serverEnvironment, host, warnings));
                break;
            default:
                commands.Add(RunCommand(profile, session, user, env, serverEnvironment, host, warnings));
                break;
        }

        var engineEnvironment = EngineEnvironment.Passed.Where(name => host.GetEnvironmentVariable(name) is not null).ToList();
        engineEnvironment.Add("PATH");
        if (profile.EngineEndpoint is { } endpoint)
        {
            var variable = endpoint.Host is not null
                ? (EngineEndpoint.IsPodman(profile.Engine) ? "CONTAINER_HOST" : "DOCKER_HOST")
                : (EngineEndpoint.IsPodman(profile.Engine) ? "CONTAINER_CONNECTION" : "DOCKER_CONTEXT");
            engineEnvironment.RemoveAll(name => name is "DOCKER_HOST" or "DOCKER_CONTEXT" or "CONTAINER_HOST" or "CONTAINER_CONNECTION");
            engineEnvironment.Add($"{variable}={endpoint.Host ?? endpoint.Context} (from the profile)");
        }

        return new ProfileReport
        {
            Name = profile.Name,
            Mode = profile.Mode,
            DefinedIn = entry.Source,
            ReplacesBuiltIn = entry.Source != BuiltInProfiles.Source && BuiltInNames.Value.Contains(profile.Name),
            Settings = SettingOrigins.Describe(catalog, entry, profile, image, imageProblem, user),
            SecretNames = profile.Secrets.Select(s => s.From is { Length: > 0 } ? $"{s.Name} (falls back to a command)" : s.Name!).ToList(),
            Commands = commands,
            EngineEnvironment = profile.Mode == ProfileMode.Local ? [] : engineEnvironment,
            ServerEnvironment = serverEnvironment,
            ImageProblem = profile.Mode == ProfileMode.Local ? null : imageProblem,
            Warnings = [.. RemoteEngineWarning.BindMounts(profile) is { } warning ? [warning] : Array.Empty<string>(), .. warnings],
            Sandbox = sandbox,
        };
    }

    public static IReadOnlyList<string>? ImageCommand(ImageInspection? image) =>
        image?.Config is { } config && (config.Entrypoint?.Length ?? 0) + (config.Cmd?.Length ?? 0) > 0
            ? [.. config.Entrypoint ?? [], .. config.Cmd ?? []]
            : null;

    /// <summary>As <see cref="RunLauncher"/> does it: one fresh container per session.</summary>
    private static PlannedCommand RunCommand(
        ResolvedProfile profile, SessionInfo session, string user, List<KeyValuePair<string, string>> env, List<string> serverEnvironment,
        IHostEnvironment host, List<string> warnings)
    {
        var run = new List<string> { profile.Engine, "run" };
        run.AddRange(CheckedFlags(() => HardeningFlags.For(profile, session, ContainerLabels.RunContainerName(profile, session), user, warm: false, ExtraMounts(profile, warnings)), profile, warnings));
        var (envFlags, viaCli) = HardeningFlags.EnvironmentFlags(env);
        run.AddRange(envFlags);
        if (profile.Command is { } command)
            run.AddRange(["--entrypoint", command[0]]);
        run.Add(profile.Image!);
        if (profile.Command is { } arguments)
            run.AddRange(arguments.Skip(1));
        serverEnvironment.AddRange(viaCli.Select(e => e.Key));
        return new PlannedCommand(ApiEndpoint(profile, host) is { } api
            ? $"run the server in a fresh container, once per session; mcpshim creates it itself through the Engine API at {api} (the same settings as typed JSON), and runs this command only when that cannot be reached"
            : "run the server in a fresh container, once per session", run);
    }

    /// <summary>As <see cref="WarmContainer"/> and <see cref="ExecLauncher"/> do it: start the warm container, exec into it.</summary>
    private static IEnumerable<PlannedCommand> ExecCommands(
        ResolvedProfile profile, SessionInfo session, string user, ImageInspection? image, List<KeyValuePair<string, string>> env, List<string> serverEnvironment,
        IHostEnvironment host, List<string> warnings)
    {
        var warmName = ContainerLabels.WarmContainerName(profile, session);
        var warm = new List<string> { profile.Engine, "run" };
        // Its init and keep-alive run as a uid of their own; the server runs as the profile's user (issue 14).
        warm.AddRange(CheckedFlags(() => HardeningFlags.For(profile, session, warmName, WarmContainer.KeepAliveUser(user), warm: true, ExtraMounts(profile, warnings)), profile, warnings));
        warm.AddRange(["--label", $"{WarmContainer.ConfigLabel}=<digest>", "--entrypoint", "sleep", profile.Image!, "infinity"]);

        env.Add(new(ExecLauncher.SessionMarker, SessionPlaceholder));
        var (envFlags, viaCli) = HardeningFlags.EnvironmentFlags(env);
        var exec = new List<string> { profile.Engine, "exec", "-i", "-u", user };
        exec.AddRange(envFlags);
        if (!string.IsNullOrWhiteSpace(profile.Workdir))
            exec.AddRange(["--workdir", profile.Workdir]);
        exec.Add(warmName);
        exec.AddRange(profile.Command ?? ImageCommand(image) ?? ["<the image's entrypoint and command>"]);
        serverEnvironment.AddRange(viaCli.Select(e => e.Key));
        return
        [
            new PlannedCommand("start the warm container, unless it is running", warm),
            new PlannedCommand(ExecPurpose(profile, host), exec),
        ];
    }

    /// <summary>Where the Engine API is reachable, the session makes this exec itself (issue 2); the command is the fallback.</summary>
    private static string ExecPurpose(ResolvedProfile profile, IHostEnvironment host) =>
        ApiEndpoint(profile, host) is { } api
            ? $"run the server in it, once per session; mcpshim makes this exec itself through the Engine API at {api}, and runs this command only when that cannot be reached"
            : "run the server in it, once per session";

    private static Containers.EngineApi.EngineApiEndpoint? ApiEndpoint(ResolvedProfile profile, IHostEnvironment host) =>
        Containers.EngineApi.EngineApiEndpoint.Resolve(profile.Engine, profile.EngineEndpoint, host, ShimPlatform.Current.EngineSearch.DefaultDockerSocket).Endpoint;

    /// <summary>The masks and secrets mount as CLI flags; a mask the CLI cannot carry is shown escaped, with a warning.</summary>
    private static List<string> ExtraMounts(ResolvedProfile profile, List<string> warnings)
    {
        var mounts = new List<string>();
        foreach (var volume in profile.Volumes.Where(v => !v.Named))
        {
            foreach (var mask in IgnoreMasks.For(volume.Host, volume.Container))
            {
                try
                {
                    mounts.AddRange(mask.ToCliFlag());
                }
                catch (StartupException ex)
                {
                    mounts.AddRange(["--mount", $"type={mask.Type},target={ControlCharacters.Escape(mask.Target)}"]);
                    warnings.Add($"through the {profile.Engine} CLI a session would stop here: {ex.Message}");
                }
            }
        }

        if (profile.SecretsAs == SecretsDelivery.Files && profile.Secrets.Count > 0)
            mounts.AddRange(["--mount", $"type=bind,source={SecretsFolderPlaceholder},target={SecretFiles.ContainerFolder},readonly"]);
        return mounts;
    }

    /// <summary>
    /// The flags a session would give the CLI; where the CLI cannot carry a value (a host path with a ','), a
    /// placeholder and a warning with the reason: the Engine API path would still work.
    /// </summary>
    private static IEnumerable<string> CheckedFlags(Func<List<string>> build, ResolvedProfile profile, List<string> warnings)
    {
        try
        {
            return WithPlaceholders(build());
        }
        catch (StartupException ex)
        {
            warnings.Add($"through the {profile.Engine} CLI a session would stop: {ex.Message}");
            return ["<flags the CLI cannot carry: see the warning below>"];
        }
    }

    /// <summary>The owner pid label holds the session's pid; the report shows a placeholder instead of 0.</summary>
    private static IEnumerable<string> WithPlaceholders(IEnumerable<string> flags)
    {
        var ownerPid = ContainerLabels.OwnerPid + "=" + 0.ToString(CultureInfo.InvariantCulture);
        return flags.Select(f => f == ownerPid ? ContainerLabels.OwnerPid + "=" + PidPlaceholder : f);
    }
}
