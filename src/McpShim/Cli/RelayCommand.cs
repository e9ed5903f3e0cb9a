using McpShim.Audit;
using McpShim.Containers;
using McpShim.Logging;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Relay;
using McpShim.Updates;
using Microsoft.Extensions.Logging;

namespace McpShim.Cli;

/// <summary><c>mcpshim PROFILE</c>: relay the client's stdio to the profile's server. Nothing but frames on stdout.</summary>
internal static class RelayCommand
{
    public static async Task<int> RunAsync(string profileName, string? configFile, LogLevel level)
    {
        var loggerFactory = Task.Run(() => LoggingSetup.Create(level));
        try
        {
            return await RunAsync(profileName, configFile, new DeferredLogger(loggerFactory.ContinueWith(t => t.Result.CreateLogger("mcpshim"), TaskScheduler.Default)));
        }
        finally
        {
            (await loggerFactory).Dispose(); // flushes the console logger's queue
        }
    }

    private static async Task<int> RunAsync(string profileName, string? configFile, ILogger logger)
    {
        var streams = new RelayStreams(ShimPlatform.Current.Processes.OpenStandardInput(), ShimPlatform.Current.Processes.OpenStandardOutput(), Console.OpenStandardError());

        ResolvedProfile profile;
        try
        {
            profile = ProfileResolver.Resolve(ProfileCatalog.Load(configFile), profileName);
        }
        catch (ConfigException ex)
        {
            Log.ConfigError(logger, ex.Message);
            await StartupFailureResponder.RespondAsync(streams, ex.Message, logger);
            return ExitCodes.Config;
        }

        var session = SessionInfo.CreateForThisProcess();
        using var auditLog = new AuditLog(profile.AuditPath, logger);
        var markers = OpenSessionMarker.FolderIn(ShimPlatform.Current.Folders.StateFolder);
        var audit = new AuditRecorder(auditLog, new SessionIdentity(session.Id, profile.Name, session.User, profile.Image), profile.AuditArguments)
        {
            Marker = new OpenSessionMarker(markers, session.Id, session.Host, session.Pid, session.StartStamp, logger),
        };
        var cli = EngineClients.For(profile);
        var launcher = ServerLaunchers.Create(profile, session, cli, logger);

        // Cleaning up after earlier, killed sessions runs beside the start-up, never in its way.
        var reaper = Task.Run(() => DeadSessions.CleanUpAsync(profile, cli, session, markers, logger));

        using var shutdown = new CancellationTokenSource();
        using var signals = ShimPlatform.Current.Signals.Register(shutdown);
        // "update": "startup" checks only once the server runs on the local image: the session never waits for a pull.
        var updateCheck = Task.CompletedTask;
        using var stopUpdate = new CancellationTokenSource();
        void CheckForUpdate() => updateCheck = Task.Run(() => StartupUpdate.RunAsync(cli, profile, UpdateCheckSchedule.Default, logger, stopUpdate.Token));
        var exitCode = await new RelaySession(profile, launcher, audit, streams, logger, session.Id, CheckForUpdate).RunAsync(shutdown.Token);
        await Task.WhenAny(Task.WhenAll(reaper, updateCheck), Task.Delay(TimeSpan.FromSeconds(2)));
        await stopUpdate.CancelAsync();
        return exitCode;
    }
}
