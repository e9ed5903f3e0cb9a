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

    /// <summary>The scratch space every container gets.</summary>
    public const string TmpPath = "/tmp";

    public const string TmpOptions = "rw,nosuid,nodev,size=64m";

    public const string NoNewPrivileges = "no-new-privileges";

    private const string ChangeIt = "Change it in the profile.";

    /// <summary>
    /// The profile's user (numeric, checked when it was resolved), else the image's when it is numeric and not root,
    /// else <see cref="FallbackUser"/>. Always <c>UID:GID</c>: an image's user name would be looked up in the image's
    /// own <c>/etc/passwd</c>, which could map it to uid 0.
    /// </summary>
    public static string ChooseUser(ResolvedProfile profile, ImageConfig? image)
    {
        if (!string.IsNullOrWhiteSpace(profile.User))
            return profile.User;
        return ImageUser(image) is { IsRoot: false } user ? user.ToString() : FallbackUser;
    }

    /// <summary>The image's <c>USER</c> when it is a name (not used, see <see cref="ChooseUser"/>) and the profile gives none.</summary>
    public static string? IgnoredImageUser(ResolvedProfile profile, ImageConfig? image) =>
        string.IsNullOrWhiteSpace(profile.User) && image?.User is { Length: > 0 } text && ImageUser(image) is null ? text : null;

    /// <summary>Whether a user setting means uid 0, in any spelling (<c>0</c>, <c>00</c>, <c>+0:5</c>, <c>root</c>).</summary>
    public static bool IsRoot(string user) => ContainerUser.Parse(user, out _) is { IsRoot: true };

    private static ContainerUser? ImageUser(ImageConfig? image) =>
        image?.User is { Length: > 0 } text ? ContainerUser.Parse(text, out _) : null;

    /// <summary>
    /// Flags for <c>docker run</c>, between <c>run</c> and the image name. Every value goes through
    /// <see cref="EngineCliValues"/>: one the CLI could read as another option stops the session (issue 14).
    /// </summary>
    public static List<string> For(ResolvedProfile profile, SessionInfo session, string containerName, string user, bool warm, IEnumerable<string>? extraMounts = null)
    {
        string Checked(string value, string flag, string separators, string path) =>
            EngineCliValues.Checked(value, flag, separators, Field(profile, path), ChangeIt);

        var flags = new List<string>(48);
        if (warm)
            flags.Add("-d");
        else
            flags.AddRange(["--rm", "-i"]);
        flags.AddRange([
            "--name", Checked(containerName, "--name", string.Empty, string.Empty),
            "--pull", "never",
            "--user", Checked(user, "--user", string.Empty, ".user"),
        ]);
        if (profile.ReadOnlyRoot)
            flags.Add("--read-only");
        flags.AddRange([
            "--tmpfs", TmpPath + ":" + TmpOptions,
            "--cap-drop", "ALL",
            "--security-opt", NoNewPrivileges,
            "--pids-limit", profile.Limits.Pids.ToString(CultureInfo.InvariantCulture),
            "--memory", Checked(profile.Limits.Memory, "--memory", string.Empty, ".limits.memory"),
            "--cpus", profile.Limits.Cpus.ToString("0.###", CultureInfo.InvariantCulture),
            // The CLI reads a --network value holding '=' as CSV options (name=...,alias=...).
            "--network", Checked(profile.Network, "--network", ",=", ".network"),
            "--init",
        ]);
        // Issue 19: the engine checks the name; mcpshim checked that the engine has it (EngineRuntimes).
        if (profile.Runtime is { } runtime)
            flags.AddRange(["--runtime", Checked(runtime, "--runtime", ",=", ".runtime")]);

        // Each of these was refused at load time unless the profile's "unsafe" list allows it.
        if (profile.Privileged)
            flags.Add("--privileged");
        if (profile.PidHost)
            flags.AddRange(["--pid", "host"]);
        foreach (var capability in profile.CapAdd)
            flags.AddRange(["--cap-add", Checked(capability, "--cap-add", string.Empty, ".capAdd")]);

        foreach (var (key, value) in ContainerLabels.For(profile, session))
            flags.AddRange(["--label", Checked(key, "--label", "=", string.Empty) + "=" + Checked(value, "--label", string.Empty, string.Empty)]);

        foreach (var mount in Volumes(profile))
            flags.AddRange(mount.ToCliFlag());

        if (extraMounts is not null)
            flags.AddRange(extraMounts);
        if (!string.IsNullOrWhiteSpace(profile.Workdir))
            flags.AddRange(["--workdir", Checked(profile.Workdir, "--workdir", string.Empty, ".workdir")]);
        return flags;
    }

    /// <summary>The profile's volumes as typed mounts, each naming its profile field.</summary>
    public static List<ContainerMount> Volumes(ResolvedProfile profile)
    {
        var mounts = new List<ContainerMount>(profile.Volumes.Count);
        for (var i = 0; i < profile.Volumes.Count; i++)
        {
            var volume = profile.Volumes[i];
            var index = i.ToString(CultureInfo.InvariantCulture);
            mounts.Add(volume.Named
                ? ContainerMount.Volume(volume.Host, volume.Container, volume.ReadOnly, Field(profile, $".volumes[{index}]"), ChangeIt)
                : ContainerMount.Bind(volume.Host, volume.Container, volume.ReadOnly, Field(profile, $".volumes[{index}]"),
                    $"Mount a folder whose path has no ',' (rename it or mount its parent), {EngineCliValues.UseTheApi}."));
        }

        return mounts;
    }

    private static string Field(ResolvedProfile profile, string path) => $"{profile.Source}: $.profiles.{profile.Name}{path}";

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
            // A name with '=' would carry a value of its choosing; names were checked at load time, this is the backstop.
            var name = EngineCliValues.Checked(key, "-e", "=", $"the environment variable '{ControlCharacters.Escape(key)}'", "Rename it in the profile.");
            if (EngineEnvironment.IsEngineOwn(key))
            {
                flags.AddRange(["-e", name + "=" + EngineCliValues.Checked(value, "-e", string.Empty, $"the value of {name}", "Change it in the profile.")]);
            }
            else
            {
                flags.AddRange(["-e", name]);
                viaCli.Add(new(key, value));
            }
        }

        return (flags, viaCli);
    }
}
