using System.Text.RegularExpressions;
using McpShim.Containers;
using McpShim.Platform;

namespace McpShim.Profiles;

/// <summary>
/// The checks that keep a profile inside its box (issue 3): allowed mount roots, refused mounts, options that weaken
/// the container (privileged, host network or pids, added capabilities, a writable root, uid 0) and critical profiles
/// sharing a container. Each is refused unless the profile's <c>unsafe</c> list names it; each allowance used becomes
/// a warning line printed every session.
/// </summary>
internal static partial class SafetyRules
{
    public sealed record Result(
        IReadOnlyList<string> AllowedRoots,
        IReadOnlyList<ResolvedVolume> Volumes,
        IReadOnlyList<SecretSpec> Secrets,
        IReadOnlyList<string> Warnings,
        string? User,
        string Network,
        string? Runtime);

    public static Result Apply(
        string name,
        ProfileSpec spec,
        ProfileMode mode,
        ProfileCatalog catalog,
        ProfileEntry entry,
        IReadOnlyList<ResolvedVolume> volumes,
        Func<string, string, ConfigException> error)
    {
        var warnings = new List<string>();
        var unsafeWords = new HashSet<string>(StringComparer.Ordinal);
        var unsafePaths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.Unsafe?.Length ?? 0); i++)
        {
            var word = spec.Unsafe![i];
            if (UnsafeOptions.IsPath(word))
                unsafePaths.Add(RealPath.OfOrFull(PathExpander.Expand(word, entry.BaseFolder)));
            else if (UnsafeOptions.Words.Contains(word))
                unsafeWords.Add(word);
            else
                throw error($".unsafe[{i}]", $"'{word}' is not something mcpshim can allow. Use one of {string.Join(", ", UnsafeOptions.Words)}, or a host path to mount.");
        }

        void Require(string word, string path, string what)
        {
            if (!unsafeWords.Contains(word))
                throw error(path, $"{what} is refused unless the profile lists \"{word}\" under \"unsafe\".");
            warnings.Add($"profile '{name}' runs with {what} (allowed by \"unsafe\": \"{word}\")");
        }

        if (spec.Privileged == true)
            Require(UnsafeOptions.Privileged, ".privileged", "a privileged container");
        var network = string.IsNullOrWhiteSpace(spec.Network) ? "none" : spec.Network;
        switch (NetworkModes.Classify(network, out var networkProblem))
        {
            case NetworkModes.Kind.Invalid:
                throw error(".network", networkProblem);
            case NetworkModes.Kind.Host:
                network = "host";
                Require(UnsafeOptions.NetworkHost, ".network", "the host's network (--network host)");
                break;
            case NetworkModes.Kind.Container:
                Require(UnsafeOptions.NetworkContainer, ".network", $"another container's network ('{network}')");
                break;
            case NetworkModes.Kind.Namespace:
                Require(UnsafeOptions.NetworkNamespace, ".network", $"a network namespace of the host ('{network}')");
                break;
        }

        if (spec.Pid is { } pid)
        {
            if (!string.Equals(pid, "host", StringComparison.OrdinalIgnoreCase))
                throw error(".pid", "the only value is \"host\" (share the host's processes); leave it out otherwise.");
            Require(UnsafeOptions.PidHost, ".pid", "the host's process namespace (--pid host)");
        }

        if (spec.CapAdd is { Length: > 0 } caps)
        {
            for (var i = 0; i < caps.Length; i++)
            {
                if (!Capability().IsMatch(caps[i]))
                    throw error($".capAdd[{i}]", $"'{caps[i]}' is not a capability name, e.g. \"NET_BIND_SERVICE\".");
            }

            Require(UnsafeOptions.CapAdd, ".capAdd", $"added capabilities ({string.Join(", ", caps)})");
        }

        if (spec.ReadOnlyRoot == false)
            Require(UnsafeOptions.WritableRoot, ".readOnlyRoot", "a writable root filesystem");
        ContainerUser? user = null;
        if (spec.User is { } userText)
        {
            user = ContainerUser.Parse(userText, out var userProblem) ?? throw error(".user", userProblem);
            if (user.IsRoot)
                Require(UnsafeOptions.Root, ".user", $"uid 0 (root) in the container (\"user\": \"{ControlCharacters.Escape(userText)}\")");
        }
        if (spec.Risk == RiskLevel.Critical && mode == ProfileMode.Exec)
            Require(UnsafeOptions.CriticalExec, ".mode", "a critical-risk server in a container shared across sessions (mode exec)");
        var runtime = ContainerRuntimes.Resolve(name, spec, mode, catalog, unsafeWords.Contains, warnings, error);

        var roots = catalog.AllowedRoots.Select(r => PathExpander.Expand(r, catalog.Folder))
            .Concat((spec.AllowedRoots ?? []).Select(r => PathExpander.Expand(r, entry.BaseFolder)))
            .Select(RealPath.OfOrFull)
            .Distinct()
            .ToList();
        if (roots.Count == 0)
            roots.Add(RealPath.OfOrFull(ConfigPaths.Home));

        var secretsFolder = Path.GetDirectoryName(ResolveSecretsFile(catalog)) ?? ConfigPaths.Home;
        var checkedVolumes = new List<ResolvedVolume>(volumes.Count);
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i];
            if (volume.Named)
            {
                checkedVolumes.Add(volume);
                continue;
            }

            var index = i;
            var servesWorkingFolder = entry.Source == BuiltInProfiles.Source && spec.Volumes?[index].Host == ".";
            var real = MountPolicy.Check(volume.Host, roots, unsafePaths, secretsFolder, problem => servesWorkingFolder
                ? WorkingFolderRefused(name, volume.Host, error($".volumes[{index}].host", problem))
                : error($".volumes[{index}].host", problem));
            if (ControlCharacters.In(real))
                throw error($".volumes[{index}].host", $"'{volume.Host}' is really '{ControlCharacters.Escape(real)}', which holds a control character (a newline, a tab...); mount a folder whose path has none.");
            if (unsafePaths.Contains(real))
                warnings.Add($"profile '{name}' mounts '{real}' (allowed by \"unsafe\")");
            checkedVolumes.Add(volume with { Host = real });
        }

        var secrets = new List<SecretSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.Secrets?.Length ?? 0); i++)
        {
            var secret = spec.Secrets![i];
            if (secret.Name is not { } secretName || !SecretName().IsMatch(secretName))
                throw error($".secrets[{i}]", "needs a name that is a valid environment variable name, e.g. \"GITHUB_TOKEN\".");
            if (EngineEnvironment.IsEngineOwn(secretName))
                throw error($".secrets[{i}]", $"'{secretName}' is a variable the engine CLI reads itself; give the secret another name.");
            if (!seen.Add(secretName) || spec.Env?.ContainsKey(secretName) == true)
                throw error($".secrets[{i}]", $"'{secretName}' is named twice (in \"secrets\" or also in \"env\"); keep one.");
            secrets.Add(secret);
        }

        return new Result(roots, checkedVolumes, secrets, warnings, user?.ToString(), network, runtime);
    }

    public static string ResolveSecretsFile(ProfileCatalog catalog) =>
        catalog.SecretsFile is { Length: > 0 } configured
            ? PathExpander.Expand(configured, catalog.Folder)
            : McpShim.Secrets.SecretsFile.DefaultPath;

    [GeneratedRegex("^[A-Z][A-Z0-9_]*\\z")]
    private static partial Regex Capability();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    private static partial Regex SecretName();
    /// <summary>
    /// A built-in profile serving the folder its client starts it in (issue 18), where that folder may not be mounted:
    /// the same refusal, with how a newcomer gets past it.
    /// </summary>
    private static ConfigException WorkingFolderRefused(string name, string folder, ConfigException refusal) => new(
        refusal.Message + $" The built-in '{name}' profile serves the folder its MCP client starts it in (the project folder; here '{folder}'): " +
        $"start the client, or 'mcpshim test', in a project folder inside your home folder, or add your own '{name}' profile with the folder in \"volumes\" (README: Built-in profiles).")
    {
        WorkingFolder = folder,
    };
}
