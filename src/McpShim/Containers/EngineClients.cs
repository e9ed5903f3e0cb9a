using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>The engine CLI a profile's calls go through.</summary>
internal static class EngineClients
{
    public static EngineCli For(ResolvedProfile profile) => new(profile.Engine, endpoint: profile.EngineEndpoint);
}
