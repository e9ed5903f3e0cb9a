using McpShim.Containers;
using McpShim.Logging;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Updates;

/// <summary>
/// <c>"update": "startup"</c>: started once the session's server runs (so the session uses the local image and waits
/// for nothing), it pulls or rebuilds at most once per <c>checkInterval</c>; a newer image serves the next session.
/// </summary>
internal static class StartupUpdate
{
    public static async Task RunAsync(EngineCli cli, ResolvedProfile profile, UpdateCheckSchedule schedule, ILogger logger, CancellationToken cancellationToken)
    {
        if (profile.Update != UpdatePolicy.Startup || profile.Mode == ProfileMode.Local)
            return;
        if (!schedule.TryClaim(profile.Name, profile.CheckInterval))
        {
            Log.StartupUpdateChecked(logger, profile.Name, $"not due (last check {schedule.LastCheck(profile.Name):u}, interval {profile.CheckInterval})");
            return;
        }

        try
        {
            var outcome = await ImageUpdater.UpdateAsync(cli, profile, _ => { }, cancellationToken);
            if (outcome.Changed)
            {
                var next = profile.Mode == ProfileMode.Exec ? $"after 'mcpshim stop {profile.Name}'" : "now";
                Log.StartupUpdateFound(logger, profile.Name, ImageName.Short(outcome.OldId), ImageName.Short(outcome.NewId) + $", rollback: {ImageName.Parse(outcome.Image).RollbackReference}; sessions started {next} use it");
            }
            else
            {
                Log.StartupUpdateChecked(logger, profile.Name, "already up to date");
            }
        }
        catch (StartupException ex)
        {
            Log.StartupUpdateFailed(logger, profile.Name, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // The session ended first; the claim stands, the next check comes after the interval.
        }
    }
}
