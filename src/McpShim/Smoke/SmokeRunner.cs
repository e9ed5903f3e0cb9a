using System.Diagnostics;
using System.Globalization;
using McpShim.Containers;
using McpShim.Logging;
using McpShim.Profiles;
using McpShim.Relay;
using McpShim.Secrets;
using Microsoft.Extensions.Logging;

namespace McpShim.Smoke;

/// <summary>
/// Runs the smoke test of one profile: start the server exactly as a relay session would (the same launchers, flags,
/// mounts and environment), act as a minimal MCP client (<see cref="ProtocolChecks"/>, <see cref="ScriptedCalls"/>),
/// audit the running container (<see cref="HardeningAudit"/>), then stop it and make sure nothing is left behind, even
/// when a check failed or the run was interrupted.
/// </summary>
internal sealed class SmokeRunner(SmokeOptions options, ILogger logger)
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(2);

    public async Task<ProfileReport> RunAsync(ResolvedProfile profile, SmokeSpec? smoke, CancellationToken cancellationToken)
    {
        var mode = profile.Mode.Name();
        var report = new ProfileReport(profile.Name, mode) { Added = check => LogIfFailed(profile.Name, check) };
        var clock = Stopwatch.StartNew();
        var session = SessionInfo.CreateForThisProcess();
        var cli = EngineClients.For(profile);
        var launcher = ServerLaunchers.Create(profile, session, cli, logger);
        var container = launcher.ContainerName;
        var warmName = profile.Mode == ProfileMode.Exec ? container : null;
        if (profile.Mode == ProfileMode.Local)
            report.Command = string.Join(' ', profile.Command ?? []);

        ServerProcess? server = null;
        StderrForwarder? stderr = null;
        var warmExisted = false;
        var phase = SmokePhase.Start;
        try
        {
            if (VolumeProblem(profile) is { } volumeProblem)
            {
                report.Add(phase, "server started", CheckStatus.Fail, null, volumeProblem);
                return report;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                if (warmName is not null)
                    warmExisted = await ContainerExistsAsync(cli, warmName, cancellationToken);
                server = await launcher.StartAsync(cancellationToken);
            }
            catch (StartupException ex)
            {
                report.Image = launcher.ImageRef;
                report.Add(phase, "server started", CheckStatus.Fail, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.Message);
                return report;
            }

            report.Image = launcher.ImageRef;
            var redactor = new SecretRedactor(launcher.Secrets);
            report.Redact = redactor.Redact;
            report.Add(phase, "server started", CheckStatus.Pass, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                container is null ? $"{report.Command} ({server.Description})" : $"{ShortDigest(launcher.ImageRef)} as {container}");

            stderr = new StderrForwarder(server.Error, options.ServerStderr, profile.Name, redactor);
            stderr.Start();
            var client = new SmokeClient(server.Input, server.Output, profile.MaxFrameBytes);
            client.Start();
            var explain = Explainer(server, client, stderr);

            phase = SmokePhase.Protocol;
            var tools = await ProtocolChecks.RunAsync(client, report, explain, options.Timeout, cancellationToken);
            phase = SmokePhase.Calls;
            await ScriptedCalls.RunAsync(client, smoke, tools, report, explain, options.Timeout, cancellationToken);
            await ProtocolChecks.FinishAsync(client, report, explain, options.Timeout, cancellationToken);

            phase = SmokePhase.Hardening;
            if (container is null)
                await SandboxAudit.RunAsync(profile, report, options.Timeout, cancellationToken);
            else
                await HardeningAudit.RunAsync(cli, container, profile, report, cancellationToken);

            AddStdoutCheck(client, report);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            report.Add(phase, "interrupted", CheckStatus.Fail, null, "the run was interrupted (Ctrl-C or SIGTERM) here");
        }
        catch (StartupException ex)
        {
            // The engine stopped answering in the middle (a timeout, the daemon went away).
            report.Add(phase, "container engine", CheckStatus.Fail, null, ex.Message);
        }
        finally
        {
            await StopAsync(profile, launcher, server, stderr, cli, session, warmName, warmExisted, report);
            server?.Dispose();
            report.DurationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
        }

        return report;
    }

    /// <summary>Closes stdin, waits the grace period, stops what is still running, and checks nothing is left.</summary>
    private async Task StopAsync(
        ResolvedProfile profile, IServerLauncher launcher, ServerProcess? server, StderrForwarder? stderr, EngineCli cli,
        SessionInfo session, string? warmName, bool warmExisted, ProfileReport report)
    {
        const string phase = SmokePhase.Stop;
        if (server is null && warmName is null)
        {
            await launcher.CleanupAsync(); // nothing was started: no container to stop or look for
            return;
        }

        try
        {
            if (server is not null)
            {
                var started = Stopwatch.GetTimestamp();
                server.CloseInput();
                if (await server.WaitForExitAsync(profile.Grace))
                {
                    report.Add(phase, "exits when stdin closes", CheckStatus.Pass, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        $"exit code {server.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
                }
                else
                {
                    await launcher.ForceStopAsync(server);
                    var stopped = await server.WaitForExitAsync(ExitWait);
                    report.Add(phase, "exits when stdin closes", stopped ? CheckStatus.Pass : CheckStatus.Fail, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        stopped
                            ? $"did not exit within {profile.Grace.TotalSeconds:0.#} s of its stdin closing (graceSeconds); stopped with SIGTERM, as a session would"
                            : "still running after SIGTERM and a kill");
                }
            }

            await launcher.CleanupAsync();
            if (warmName is not null && !warmExisted)
                await cli.RunAsync(["rm", "-f", warmName], TimeSpan.FromSeconds(20));
            if (stderr is not null)
                await Task.WhenAny(stderr.Completion, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None));

            if (profile.Mode != ProfileMode.Local)
                await CheckNothingLeftAsync(cli, session, warmName, warmExisted, report);
        }
        catch (StartupException ex)
        {
            Log.SmokeCleanupFailed(logger, profile.Name, ex.Message);
            report.Add(phase, "nothing left behind", CheckStatus.Fail, null, ex.Message);
        }
    }

    private static async Task CheckNothingLeftAsync(EngineCli cli, SessionInfo session, string? warmName, bool warmExisted, ProfileReport report)
    {
        const string phase = SmokePhase.Stop;
        if (warmName is not null && warmExisted)
        {
            report.Add(phase, "nothing left behind", CheckStatus.Pass, null, $"the warm container {warmName} was running before the test and keeps running");
            return;
        }

        var filter = warmName is not null ? $"name=^/?{warmName}$" : $"label={ContainerLabels.Session}={session.Id}";
        var left = await cli.RunAsync(["ps", "-a", "-q", "--filter", filter], TimeSpan.FromSeconds(20));
        var ids = left.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        report.Add(phase, "nothing left behind", left.Succeeded && ids.Length == 0 ? CheckStatus.Pass : CheckStatus.Fail, null,
            !left.Succeeded ? $"could not list containers: {left.Stderr}"
            : ids.Length == 0 ? "container removed"
            : $"container(s) {string.Join(", ", ids)} still present; remove with '{cli.Engine} rm -f {string.Join(' ', ids)}'");
    }

    private static void AddStdoutCheck(SmokeClient client, ProfileReport report)
    {
        var problems = client.StdoutProblems.ToList();
        report.Add(SmokePhase.Protocol, "stdout carries only JSON-RPC", problems.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail, null,
            problems.Count == 0
                ? $"{Plural(client.Notifications, "notification")}, {Plural(client.ServerRequests.Count, "request")} from the server"
                : string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? $"; … ({problems.Count - 3} more)" : string.Empty) +
                  ". A stdio MCP server must write only JSON-RPC messages to stdout (logs belong on stderr); clients may drop the connection");
    }

    private static string Plural(int count, string noun) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? string.Empty : "s")}";

    /// <summary>Adds the exit code and the last stderr lines to a problem once the server is gone.</summary>
    private static Func<string, Task<string>> Explainer(ServerProcess server, SmokeClient client, StderrForwarder stderr) => async problem =>
    {
        if (!client.Closed.IsCompleted && !server.Exited.IsCompleted)
            return problem;
        await server.WaitForExitAsync(ExitWait);
        await Task.WhenAny(stderr.Completion, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None));
        var code = server.ExitCode is { } exit ? $"exit code {exit.ToString(CultureInfo.InvariantCulture)}" : "its stdout closed";
        var tail = stderr.Tail;
        return $"{problem} ({code}; last stderr lines: {(tail.Count == 0 ? "(none)" : string.Join(" | ", tail.TakeLast(5)))})";
    };

    /// <summary>A bind mount whose host path is missing would make the engine refuse to start the container.</summary>
    private static string? VolumeProblem(ResolvedProfile profile)
    {
        for (var i = 0; i < profile.Volumes.Count; i++)
        {
            var volume = profile.Volumes[i];
            if (!volume.Named && !Directory.Exists(volume.Host) && !File.Exists(volume.Host))
            {
                return $"volumes[{i}]: the host path '{volume.Host}' does not exist. Create it, or give profile '{profile.Name}' " +
                       $"another volume ({(profile.Source == BuiltInProfiles.Source ? "a profile of the same name in your profiles file replaces the built-in one" : profile.Source)})";
            }
        }

        return null;
    }

    /// <summary>"name@sha256:" and 12 hex digits for the table; the report keeps the whole digest.</summary>
    private static string? ShortDigest(string? imageRef)
    {
        var at = imageRef?.IndexOf("@sha256:", StringComparison.Ordinal) ?? -1;
        return at >= 0 && imageRef!.Length > at + 8 + 12 ? imageRef[..(at + 8 + 12)] : imageRef;
    }

    private static async Task<bool> ContainerExistsAsync(EngineCli cli, string name, CancellationToken cancellationToken) =>
        (await cli.RunAsync(["container", "inspect", "--format", "{{.Id}}", name], cancellationToken: cancellationToken)).Succeeded;

    private void LogIfFailed(string profile, CheckResult check)
    {
        if (check.Status == CheckStatus.Fail)
            Log.SmokeCheckFailed(logger, profile, check.Phase, check.Name, check.Detail ?? string.Empty);
    }
}
