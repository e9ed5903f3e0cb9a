using System.Globalization;
using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Inspection;

/// <summary>
/// Each effective value of a profile with its origin. A profiles file's profile replaces a built-in one whole (no
/// field merging), so a value is either the defining source's, a default, or taken from the environment or the image.
/// </summary>
internal static class SettingOrigins
{
    public const string Default = "default";

    /// <summary>The origin of a value written in the profiles file (its path is the report's <c>DefinedIn</c>).</summary>
    public const string ProfilesFile = "profiles file";

    public static IReadOnlyList<EffectiveSetting> Describe(ProfileCatalog catalog, ProfileEntry entry, ResolvedProfile profile, ImageInspection? image, string? imageProblem, string user)
    {
        var spec = entry.Spec;
        var source = entry.Source == BuiltInProfiles.Source ? BuiltInProfiles.Source : ProfilesFile;
        string From(bool set) => set ? source : Default;
        var settings = new List<EffectiveSetting> { new("mode", Lower(profile.Mode), From(spec.Mode is not null)) };

        if (profile.Mode == ProfileMode.Local)
        {
            settings.Add(new("command", ShellWords.Join(profile.Command!), source));
            settings.Add(new("sandbox", profile.Sandbox.Enabled ? "on" : $"off (unsafe: {UnsafeOptions.Unsandboxed})", From(!profile.Sandbox.Enabled)));
            settings.Add(new("network", profile.Network, From(!string.IsNullOrWhiteSpace(spec.Network))));
            if (profile.Sandbox.ConnectPorts.Count > 0)
                settings.Add(new("connectPorts", string.Join(", ", profile.Sandbox.ConnectPorts), source));
            settings.Add(new("limits.memory", profile.Limits.Memory, From(spec.Limits?.Memory is not null)));
            settings.Add(new("limits.cpus", profile.Limits.Cpus.ToString("0.###", CultureInfo.InvariantCulture), From(spec.Limits?.Cpus is not null)));
            settings.Add(new("limits.pids", profile.Limits.Pids.ToString(CultureInfo.InvariantCulture), From(spec.Limits?.Pids is not null)));
            for (var i = 0; i < profile.Volumes.Count; i++)
                settings.Add(new($"volumes[{i}]", $"{profile.Volumes[i].Host} ({(profile.Volumes[i].ReadOnly ? "read-only" : "read-write")})", source));
            for (var i = 0; i < profile.Sandbox.HostReadable.Count; i++)
                settings.Add(new($"hostReadable[{i}]", profile.Sandbox.HostReadable[i], source));
        }
        else
        {
            settings.Add(new("image", profile.Image!, source));
            if (profile.BuildContext is { } build)
                settings.Add(new("build", build, source));
            settings.Add(new("update", Lower(profile.Update), From(spec.Update is not null)));
            if (profile.Update == UpdatePolicy.Startup || spec.CheckInterval is not null)
                settings.Add(new("checkInterval", Interval(profile.CheckInterval), From(spec.CheckInterval is not null)));
            settings.Add(profile.Command is { } command
                ? new("command", ShellWords.Join(command), source)
                : new("command", ProfileReporter.ImageCommand(image) is { } own ? ShellWords.Join(own) : "(the image's entrypoint and command)", "image"));
            settings.Add(new("user", user, UserOrigin(profile, image, imageProblem, source)));
            if (profile.Workdir is { Length: > 0 } workdir)
                settings.Add(new("workdir", workdir, source));
            settings.Add(new("network", profile.Network, From(!string.IsNullOrWhiteSpace(spec.Network))));
            settings.Add(new("runtime", profile.Runtime ?? $"the engine's default (usually {ContainerRuntimes.Default})",
                spec.Runtime is not null ? source : profile.Runtime is not null ? "criticalRuntime" : Default));
            settings.Add(new("limits.memory", profile.Limits.Memory, From(spec.Limits?.Memory is not null)));
            settings.Add(new("limits.cpus", profile.Limits.Cpus.ToString("0.###", CultureInfo.InvariantCulture), From(spec.Limits?.Cpus is not null)));
            settings.Add(new("limits.pids", profile.Limits.Pids.ToString(CultureInfo.InvariantCulture), From(spec.Limits?.Pids is not null)));
            settings.Add(new("readOnlyRoot", Lower(profile.ReadOnlyRoot), From(spec.ReadOnlyRoot is not null)));
            if (profile.Privileged)
                settings.Add(new("privileged", "true", source));
            if (profile.PidHost)
                settings.Add(new("pid", "host", source));
            if (profile.CapAdd.Count > 0)
                settings.Add(new("capAdd", string.Join(", ", profile.CapAdd), source));
            for (var i = 0; i < profile.Volumes.Count; i++)
            {
                var v = profile.Volumes[i];
                var what = v.Named ? $"volume {v.Host}" : v.Host;
                settings.Add(new($"volumes[{i}]", $"{what} -> {v.Container} ({(v.ReadOnly ? "read-only" : "read-write")})", source));
            }

            settings.Add(new("engine", profile.Engine, EngineOrigin(spec, source)));
            if (profile.EngineEndpoint?.Host is { } host)
                settings.Add(new("engine.host", host, source));
            if (profile.EngineEndpoint?.Context is { } context)
                settings.Add(new("engine.context", context, source));
        }

        // Names only: values in "env" are configuration, but people do paste tokens there.
        if (profile.Env.Count > 0)
            settings.Add(new("env", string.Join(", ", profile.Env.Select(e => e.Key)), source));
        if (profile.Secrets.Count > 0)
        {
            settings.Add(new("secretsAs", Lower(profile.SecretsAs), From(spec.SecretsAs is not null)));
            settings.Add(new("secretsFile", profile.SecretsFile, catalog.SecretsFile is { Length: > 0 } ? ProfilesFile : Default));
        }

        settings.Add(new("risk", Lower(profile.Risk), From(spec.Risk is not null)));
        settings.Add(new("graceSeconds", profile.Grace.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), From(spec.GraceSeconds is not null)));
        settings.Add(new("maxFrameBytes", profile.MaxFrameBytes.ToString(CultureInfo.InvariantCulture), From(spec.MaxFrameBytes is not null)));
        settings.Add(new("policy", profile.Policy is null ? "none (tools are not filtered)" : "yes", From(spec.Policy is not null)));
        settings.Add(new("audit.path", profile.AuditPath, AuditPathOrigin(catalog)));
        settings.Add(new("audit.arguments", Lower(profile.AuditArguments), catalog.Audit?.Arguments is not null ? ProfilesFile : Default));
        return settings;
    }

    private static string UserOrigin(ResolvedProfile profile, ImageInspection? image, string? imageProblem, string source)
    {
        if (!string.IsNullOrWhiteSpace(profile.User))
            return source;
        if (imageProblem is not null)
            return "fallback (image not inspected)";
        if (HardeningFlags.IgnoredImageUser(profile, image?.Config) is { } name)
            return $"fallback (the image's USER '{name}' is a name)";
        return image?.Config?.User is { Length: > 0 } own && !HardeningFlags.IsRoot(own) ? "image" : "fallback (the image runs as root)";
    }

    private static string EngineOrigin(ProfileSpec spec, string source) =>
        !string.IsNullOrWhiteSpace(spec.Engine?.Name) ? source
            : Environment.GetEnvironmentVariable(EngineLocator.EngineEnv) is { Length: > 0 } ? "env " + EngineLocator.EngineEnv
            : Default;

    private static string AuditPathOrigin(ProfileCatalog catalog) =>
        Environment.GetEnvironmentVariable(ConfigPaths.AuditEnv) is { Length: > 0 } ? "env " + ConfigPaths.AuditEnv
            : catalog.Audit?.Path is { Length: > 0 } ? ProfilesFile
            : Default;

    private static string Interval(TimeSpan interval) =>
        interval.TotalDays >= 1 && interval.TotalDays % 1 == 0 ? $"{interval.TotalDays:0}d"
            : interval.TotalHours >= 1 && interval.TotalHours % 1 == 0 ? $"{interval.TotalHours:0}h"
            : $"{interval.TotalMinutes:0.#}m";

    private static string Lower<T>(T value) => value!.ToString()!.ToLowerInvariant();
}
