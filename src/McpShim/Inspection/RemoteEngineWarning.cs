using McpShim.Profiles;

namespace McpShim.Inspection;

/// <summary>A remote engine mounts folders of its own machine: a profile's host paths must exist there, not here (issue 6).</summary>
internal static class RemoteEngineWarning
{
    public static string? BindMounts(ResolvedProfile profile)
    {
        if (profile.EngineEndpoint is not { } endpoint || profile.Mode == ProfileMode.Local)
            return null;
        var binds = profile.Volumes.Where(v => !v.Named).Select(v => v.Host).ToList();
        return binds.Count == 0
            ? null
            : $"profile '{profile.Name}' runs on the remote engine {endpoint}, so its bind mounts ({string.Join(", ", binds)}) are " +
              "paths on that machine, not this one: make sure they exist there, or use named volumes.";
    }
}
