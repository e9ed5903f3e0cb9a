using McpShim.Audit;
using McpShim.Containers;
using McpShim.Logging;
using McpShim.Platform;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Cli;

/// <summary>
/// Everything a session killed without a chance to clean up left (issue 14): its missing <c>session.end</c> line
/// (<see cref="LostSessions"/>), its <c>secretsAs: files</c> folder, and its run-mode container
/// (<see cref="OrphanReaper"/>). Each session start looks, beside its own start-up; a warm container's leftovers are
/// its next session's business (<see cref="WarmContainer"/>).
/// </summary>
internal static class DeadSessions
{
    public static async Task CleanUpAsync(ResolvedProfile profile, EngineCli cli, SessionInfo self, string markers, ILogger logger)
    {
        try
        {
            LostSessions.Reap(markers, self.Id, self.Host, self.Pid, self.StartStamp, logger);
            ShimPlatform.Current.SecretFolders.RemoveDeadSessionFolders(logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LeftoverScanFailed(logger, ex.Message);
        }

        if (profile.Mode != ProfileMode.Local)
            await OrphanReaper.ReapAsync(cli, self, logger);
    }
}
