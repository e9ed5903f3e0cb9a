using McpShim.Containers.EngineApi;
using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>
/// A run-mode container as the Engine API's typed create request (issue 14): the settings <see cref="HardeningFlags"/>
/// gives the CLI, field by field (<c>HardenedCreateRequestSpecs</c> holds the two side by side), with nothing spliced
/// into a string the engine parses again: a mount path is only a path, a label value only a value.
/// </summary>
internal static class HardenedCreateRequest
{
    /// <param name="command">The profile's command (replacing the image's entrypoint and arguments), or null for the image's.</param>
    public static ContainerCreateRequest For(
        ResolvedProfile profile, SessionInfo session, string user, IEnumerable<KeyValuePair<string, string>> env,
        IEnumerable<ContainerMount> extraMounts, IReadOnlyList<string>? command) => new()
    {
        Image = profile.Image!,
        User = user,
        Env = [.. env.Select(e => $"{e.Key}={e.Value}")],
        Entrypoint = command is null ? null : [command[0]],
        Cmd = command is null ? null : [.. command.Skip(1)],
        WorkingDir = string.IsNullOrWhiteSpace(profile.Workdir) ? null : profile.Workdir,
        Labels = ContainerLabels.For(profile, session).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
        HostConfig = new HostConfigRequest
        {
            AutoRemove = true,
            ReadonlyRootfs = profile.ReadOnlyRoot,
            Tmpfs = new Dictionary<string, string>(StringComparer.Ordinal) { [HardeningFlags.TmpPath] = HardeningFlags.TmpOptions },
            CapDrop = ["ALL"],
            // Each of these was refused at load time unless the profile's "unsafe" list allows it.
            CapAdd = profile.CapAdd.Count > 0 ? [.. profile.CapAdd] : null,
            Privileged = profile.Privileged,
            PidMode = profile.PidHost ? "host" : null,
            SecurityOpt = [HardeningFlags.NoNewPrivileges],
            PidsLimit = profile.Limits.Pids,
            Memory = profile.Limits.MemoryBytes,
            NanoCpus = profile.Limits.NanoCpus,
            NetworkMode = profile.Network,
            Runtime = profile.Runtime,
            Init = true,
            Mounts = [.. HardeningFlags.Volumes(profile).Concat(extraMounts).Select(m => m.ToRequest())],
        },
    };
}
