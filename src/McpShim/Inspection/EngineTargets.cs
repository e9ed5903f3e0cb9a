using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Inspection;

/// <summary>
/// The engines <c>status</c>, <c>prune</c> and <c>doctor</c> look at: the local default, plus each remote engine a
/// profile names (issue 6). A profiles file that does not load leaves just the default.
/// </summary>
internal static class EngineTargets
{
    public static IReadOnlyList<EngineTarget> From(string? configFile)
    {
        var engine = Environment.GetEnvironmentVariable(EngineLocator.EngineEnv) is { Length: > 0 } fromEnv ? fromEnv : "docker";
        var targets = new List<EngineTarget> { new(new EngineCli(engine), []) };
        foreach (var group in RemoteProfiles(configFile).GroupBy(p => (p.Engine, p.EngineEndpoint!)))
            targets.Add(new EngineTarget(EngineClients.For(group.First()), group.Select(p => p.Name).ToList()));
        return targets;
    }

    private static List<ResolvedProfile> RemoteProfiles(string? configFile)
    {
        ProfileCatalog catalog;
        try
        {
            catalog = ProfileCatalog.Load(configFile);
        }
        catch (ConfigException)
        {
            return []; // doctor reports the file; status and prune still cover the local engine
        }

        var profiles = new List<ResolvedProfile>();
        foreach (var name in catalog.Entries.Keys)
        {
            try
            {
                if (ProfileResolver.Resolve(catalog, name) is { EngineEndpoint: not null, Mode: not ProfileMode.Local } profile)
                    profiles.Add(profile);
            }
            catch (ConfigException)
            {
                // A broken profile is doctor's to report.
            }
        }

        return profiles;
    }
}
