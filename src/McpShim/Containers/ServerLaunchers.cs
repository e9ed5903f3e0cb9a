using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>The launcher for a profile's mode: the one place a session, <c>mcpshim test</c> and <c>mcpshim pin</c> get it.</summary>
internal static class ServerLaunchers
{
    public static IServerLauncher Create(ResolvedProfile profile, SessionInfo session, EngineCli cli, ILogger logger) => profile.Mode switch
    {
        ProfileMode.Local => new LocalLauncher(profile, logger),
        ProfileMode.Exec => new ExecLauncher(profile, session, cli, new WarmContainer(profile, session, cli, logger), logger),
        _ => new RunLauncher(profile, session, cli, logger),
    };
}
