using System.Globalization;
using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>
/// The engine flags that lock down every container mcpshim starts (README "Hardening"): non-root user, read-only
/// root with a tmpfs /tmp, no capabilities, no privilege escalation, pid/memory/cpu limits, no network unless the
/// profile names one, an init process, and labels naming mcpshim, the profile and the owning session.
/// </summary>
internal static class HardeningFlags
{
    /// <summary>The conventional "nonroot" uid:gid of distroless images.</summary>
    public const string FallbackUser = "65532:65532";

    /// <summary>The profile's user, else the image's when it is not root, else <see cref="FallbackUser"/>.</summary>
    public static string ChooseUser(ResolvedProfile profile, ImageConfig? image)
    {
        if (!string.IsNullOrWhiteSpace(profile.User))
            return profile.User;
        var imageUser = image?.User;
        return string.IsNullOrWhiteSpace(imageUser) || IsRoot(imageUser) ? FallbackUser : imageUser;
    }

    public static bool IsRoot(string user)
    {
        var name = user.Split(':', 2)[0];
        return name is "0" or "root";
    }

    /// <summary>Flags for <c>docker run</c>, between <c>run</c> and the image name.</summary>
    public static List<string> For(ResolvedProfile profile, SessionInfo session, string containerName, string user, bool warm, IEnumerable<string>? extraMounts = null)
    {
        var flags = new List<string>(48);
        if (warm)
            flags.Add("-d");
        else
            flags.AddRange(["--rm", "-i"]);
        flags.AddRange([
            "--name", containerName,
            "--pull", "never",
            "--user", user,
        ]);
        if (profile.ReadOnlyRoot)
            flags.Add("--read-only");
        flags.AddRange([
            "--tmpfs", "/tmp:rw,nosuid,nodev,size=64m",
            "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges",
            "--pids-limit", profile.Limits.Pids.ToString(CultureInfo.InvariantCulture),
            "--memory", profile.Limits.Memory,
            "--cpus", profile.Limits.Cpus.ToString("0.###", CultureInfo.InvariantCulture),
            "--network", profile.Network,
            "--init",
        ]);

        // Each of these was refused at load time unless the profile's "unsafe" list allows it.
        if (profile.Privileged)
            flags.Add("--privileged");
        if (profile.PidHost)
            flags.AddRange(["--pid", "host"]);
        foreach (var capability in profile.CapAdd)
            flags.AddRange(["--cap-add", capability]);

        foreach (var (key, value) in ContainerLabels.For(profile, session))
            flags.AddRange(["--label", $"{key}={value}"]);

        foreach (var volume in profile.Volumes)
        {
            var mount = volume.Named
                ? $"type=volume,source={volume.Host},target={volume.Container}"
                : $"type=bind,source={volume.Host},target={volume.Container}";
            flags.AddRange(["--mount", volume.ReadOnly ? mount + ",readonly" : mount]);
        }

        if (extraMounts is not null)
            flags.AddRange(extraMounts);
        if (!string.IsNullOrWhiteSpace(profile.Workdir))
            flags.AddRange(["--workdir", profile.Workdir]);
        return flags;
    }

    /// <summary>
    /// The server's environment, passed as <c>-e NAME</c> flags: values travel in the engine CLI's environment, never in
    /// its argv (visible to every user through /proc). Secrets join it unless they go as files. A fallback user has no
    /// home, so HOME points at the writable /tmp.
    /// </summary>
    public static List<KeyValuePair<string, string>> Environment(ResolvedProfile profile, string user, IEnumerable<Secrets.SecretValue> secrets)
    {
        var env = new List<KeyValuePair<string, string>>(profile.Env);
        if (profile.SecretsAs == SecretsDelivery.Env)
            env.AddRange(secrets.Select(s => new KeyValuePair<string, string>(s.Name, s.Value)));
        if (user == FallbackUser && !env.Exists(e => e.Key == "HOME"))
            env.Add(new("HOME", "/tmp"));
        return env;
    }

    /// <summary>
    /// The <c>-e</c> flags for an environment, and what the engine CLI's own environment must carry for them. A name
    /// the engine CLI itself reads (HOME, PATH, DOCKER_HOST...) goes as <c>-e NAME=value</c> instead, so the container's
    /// value cannot redirect the CLI; secrets may not use those names (refused at load time).
    /// </summary>
    public static (List<string> Flags, List<KeyValuePair<string, string>> ViaCli) EnvironmentFlags(IEnumerable<KeyValuePair<string, string>> env)
    {
        var flags = new List<string>();
        var viaCli = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in env)
        {
            if (EngineEnvironment.IsEngineOwn(key))
            {
                flags.AddRange(["-e", $"{key}={value}"]);
            }
            else
            {
                flags.AddRange(["-e", key]);
                viaCli.Add(new(key, value));
            }
        }

        return (flags, viaCli);
    }
}
