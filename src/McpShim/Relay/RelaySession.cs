using System.Diagnostics;
using McpShim.Audit;
using McpShim.Cli;
using McpShim.Containers;
using McpShim.Logging;
using McpShim.Policy;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Relay;

/// <summary>
/// One client session: start the server, pump frames both ways, and end cleanly whichever side goes first.
/// <list type="bullet">
/// <item>Client closes stdin (or a signal): close the server's stdin, wait the grace period, then stop it.</item>
/// <item>Server dies: every request still waiting gets a JSON-RPC error with the exit code and the last stderr lines.</item>
/// <item>Server cannot start: the client's requests get an error that says how to fix it.</item>
/// </list>
/// </summary>
internal sealed class RelaySession(
    ResolvedProfile profile,
    IServerLauncher launcher,
    AuditRecorder audit,
    RelayStreams streams,
    ILogger logger,
    string? sessionId = null,
    Action? onServerStarted = null)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OwedAnswersLimit = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(CancellationToken shutdown)
    {
        var started = Stopwatch.GetTimestamp();
        var tracker = new SessionTracker(audit, logger, profile.MaxFrameBytes) { ValidatesEnvelopes = profile.Policy is not null, Profile = profile.Name };
        audit.Protocol = tracker.Protocol;
        ServerProcess server;
        try
        {
            server = await launcher.StartAsync(shutdown);
        }
        catch (StartupException ex)
        {
            audit.Image = launcher.ImageRef;
            SessionStartLine(audit, profile);
            Log.StartupFailed(logger, profile.Name, ex.Message);
            // Before answering the client, which may take seconds and end with a SIGKILL.
            audit.SessionEnd(SessionEndReason.StartupFailed, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0);
            await StartupFailureResponder.RespondAsync(streams, ex.Message, logger);
            await launcher.CleanupAsync();
            return ExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Stopped by a signal while the server was starting: nothing of it runs, but what the start made goes.
            audit.Image = launcher.ImageRef;
            SessionStartLine(audit, profile);
            audit.SessionEnd(SessionEndReason.Signal, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0);
            await launcher.CleanupAsync();
            return ExitCodes.Ok;
        }

        audit.Image = launcher.ImageRef;
        var redactor = new Secrets.SecretRedactor(launcher.Secrets);
        audit.Redactor = redactor;
        SessionStartLine(audit, profile);
        foreach (var warning in profile.UnsafeWarnings)
            Log.UnsafeAllowance(logger, warning);
        Log.ServerStarted(logger, profile.Name, profile.Mode.Name(), launcher.ImageRef ?? profile.Command?[0] ?? "?", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        onServerStarted?.Invoke();

        using (server)
        {
            var clientWriter = new FrameWriter(streams.ClientOutput);
            var serverWriter = new FrameWriter(server.Input);
            tracker.ClientWriter = clientWriter;
            tracker.ServerWriter = serverWriter;

            using var kept = KeepStderr();
            var stderr = new StderrForwarder(server.Error, streams.Diagnostics, profile.Name, redactor, kept);
            // Without a policy the pumps report to the tracker directly: no verdicts, nothing held whole, no extra cost.
            var toClient = new FrameOutbox(clientWriter, logger);
            tracker.ClientOutbox = toClient;
            var policy = profile.Policy is { } rules
                ? new PolicyEnforcer(rules, profile.Name, tracker, audit, toClient, new FrameOutbox(serverWriter, logger), redactor.Redact, logger)
                : null;
            IFrameObserver observer = policy is null ? tracker : policy;
            // Without a policy nothing writes to a peer from OnFrame, so a pump may keep its gate for a whole batch.
            // Big frames go from pipe to pipe (or socket) inside the kernel where the OS allows: read once, never written.
            // The route is made at a direction's first big frame, off the start-up path.
            var fromServer = new FramePump(server.Output, clientWriter, Direction.ServerToClient, profile.MaxFrameBytes, observer, logger,
                () => ZeroCopyRoute(server.Output, streams.ClientOutput, Direction.ServerToClient)) { HoldGateAcrossBatch = policy is null };
            var fromClient = new FramePump(streams.ClientInput, serverWriter, Direction.ClientToServer, profile.MaxFrameBytes, observer, logger,
                () => ZeroCopyRoute(streams.ClientInput, server.Input, Direction.ClientToServer)) { HoldGateAcrossBatch = policy is null };
            stderr.Start();
            fromServer.Start();
            fromClient.Start();

            var signalled = Task.Delay(Timeout.Infinite, shutdown);
            var first = await Task.WhenAny(fromClient.Completion, fromServer.Completion, server.Exited, signalled);

            // The session's one session.end line, with the tool calls that got no answer before it (issue 13).
            var ended = 0;
            void End(string why, int? code)
            {
                if (Interlocked.Exchange(ref ended, 1) != 0)
                    return;
                policy?.AbortHeld(null);
                foreach (var call in tracker.Pending.DrainAll().Where(p => p.IsToolCall))
                    tracker.AuditToolCall(call, AuditOutcome.Aborted, 0);
                if (tracker.Protocol.Era is not null)
                    audit.SessionProtocol(tracker.Protocol); // what was learned, if the server side never was
                audit.SessionEnd(why, code, Stopwatch.GetElapsedTime(started).TotalMilliseconds, tracker.ToolCalls);
            }

            var clientEnded = first == fromClient.Completion && await fromClient.Completion == PumpEnd.SourceClosed || first == signalled;
            var reason = !clientEnded ? SessionEndReason.ServerExited : first == signalled ? SessionEndReason.Signal : SessionEndReason.ClientClosed;
            if (clientEnded)
            {
                Log.Stopping(logger, reason, profile.Grace.TotalSeconds);
                Log.RelayMemory(logger, GC.CollectionCount(0), GC.GetTotalAllocatedBytes() / 1024);
                server.CloseInput(); // first: no call reaches the server after the end line
            }

            // A client that signals mcpshim may SIGKILL it moments later (Claude Code 2.1: SIGINT, SIGTERM 100 ms later,
            // SIGKILL 400 ms after that), sooner than a container stops: on a signal the line is written at once, with
            // the server's exit code if it has one yet, and stopping the server goes on after it.
            using var hurry = shutdown.Register(() => End(reason, server.ExitCode));
            int exitCode;
            if (clientEnded)
            {
                if (!await WaitForExitAfterInputClosedAsync(server, tracker.Pending))
                {
                    Log.ForcingStop(logger, profile.Name, profile.Grace.TotalSeconds);
                    await launcher.ForceStopAsync(server);
                }

                await Task.WhenAny(fromServer.Completion, Task.Delay(DrainTimeout, CancellationToken.None));
                exitCode = ExitCodes.Ok;
            }
            else
            {
                // The server side ended first (or the server's stdin broke): let its last frames reach the client.
                await server.WaitForExitAsync(ExitTimeout);
                await Task.WhenAny(fromServer.Completion, Task.Delay(DrainTimeout, CancellationToken.None));
                await Task.WhenAny(stderr.Completion, Task.Delay(DrainTimeout, CancellationToken.None));
                var code = server.ExitCode;
                var failed = FailPending(tracker, clientWriter, code, stderr.Tail);
                Log.ServerExited(logger, profile.Name, code ?? -1, failed);
                exitCode = code is null or 0 ? (failed > 0 ? ExitCodes.Failure : ExitCodes.Ok) : code.Value;
                if (!server.Exited.IsCompleted)
                    await launcher.ForceStopAsync(server);
            }

            if (policy is not null)
            {
                // Calls the policy still holds never reached the server; the client's last policy errors go out first.
                policy.AbortHeld(reason == SessionEndReason.ServerExited
                    ? $"mcpshim: the MCP server of profile '{profile.Name}' exited before this tool call could be sent to it."
                    : null);
            }

            // The client's last errors from mcpshim (policy denials, refused frames) go out before the session ends.
            await Task.Run(() => toClient.WaitUntilEmpty(DrainTimeout));
            End(reason, server.ExitCode);
            await launcher.CleanupAsync(); // after the line: removing a container or sweeping one takes a while
            return exitCode;
        }
    }

    /// <summary>
    /// After the client closed its side: whether the server exits within the grace period. The period counts from the
    /// last answer the server still owed, so requests the client sent before it closed (a script that writes its
    /// requests and closes stdin, a server still starting) are answered rather than cut off, for up to
    /// <see cref="OwedAnswersLimit"/> in all.
    /// </summary>
    private async Task<bool> WaitForExitAfterInputClosedAsync(ServerProcess server, PendingRequests owed)
    {
        var clock = Stopwatch.StartNew();
        var graceEnds = profile.Grace;
        while (true)
        {
            var slice = TimeSpan.FromMilliseconds(100);
            if (await server.WaitForExitAsync(slice))
                return true;
            var now = clock.Elapsed;
            if (owed.Count > 0 && now < OwedAnswersLimit)
                graceEnds = now + profile.Grace;
            else if (now >= graceEnds)
                return false;
        }
    }

    private IZeroCopyRoute? ZeroCopyRoute(Stream source, Stream destination, Direction direction)
    {
        var route = Platform.ShimPlatform.Current.Processes.ZeroCopyRoute(source, destination);
        if (route is not null)
            Log.ZeroCopyRoute(logger, direction);
        return route;
    }

    /// <summary>This session's server stderr, for <c>mcpshim logs</c>; tests pass no session id and keep nothing.</summary>
    private ServerLogs.KeptStderr? KeepStderr()
    {
        if (sessionId is null)
            return null;
        var what = launcher.ImageRef is { } image ? "image " + image : "command " + (profile.Command?[0] ?? "?");
        var header = new ServerLogs.KeptStderrHeader(profile.Name, sessionId, profile.Mode.Name(), what, launcher.ContainerName);
        return ServerLogs.KeptStderr.Start(ServerLogs.KeptStderr.PathFor(profile.Name), header, logger);
    }

    /// <summary>
    /// For a server that died in the host sandbox: what it may read is what the rules grant, and a newcomer's server
    /// that imports modules beside its script, or a runtime mcpshim did not find, dies of that (issue 16).
    /// </summary>
    private string SandboxHint() => profile.Mode == ProfileMode.Local && profile.Sandbox.Enabled
        ? $". It ran in mcpshim's host sandbox, which grants only what 'mcpshim show {profile.Name}' lists: if it needs more " +
          "(modules beside its script, a runtime elsewhere), add their folder to \"hostReadable\", and folders it writes to \"volumes\" with \"readOnly\": false"
        : string.Empty;

    private int FailPending(SessionTracker tracker, FrameWriter clientWriter, int? exitCode, IReadOnlyList<string> stderrTail)
    {
        var pending = tracker.Pending.DrainAll();
        var lastLines = stderrTail.Count == 0 ? "(none)" : string.Join(" | ", stderrTail.TakeLast(5));
        foreach (var request in pending)
        {
            if (request.IsToolCall)
                tracker.AuditToolCall(request, AuditOutcome.Aborted, 0);
            var message = $"mcpshim: the MCP server of profile '{profile.Name}' exited with code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} " +
                          $"before answering '{request.Method}'. Last stderr lines: {lastLines}{SandboxHint()}";
            try
            {
                clientWriter.WriteFrame(JsonRpcErrors.Build(request.Id.ToJson(), JsonRpcErrors.ServerUnavailable, message, stderrTail, exitCode));
            }
            catch (IOException)
            {
                break; // the client is gone too
            }
        }

        return pending.Count;
    }

    /// <summary>The session's start line, with how its server is isolated: the container runtime named, or the host sandbox.</summary>
    private static void SessionStartLine(Audit.AuditRecorder audit, ResolvedProfile profile)
    {
        var local = profile.Mode == ProfileMode.Local;
        audit.SessionStart(profile.Mode.Name(), Environment.ProcessId, ShimVersion.Value, local ? null : profile.Runtime, local ? profile.Sandbox.Enabled : null);
    }
}
