using McpShim.Profiles;
using McpShim.Relay;
using Microsoft.Extensions.Logging;

namespace McpShim.Logging;

/// <summary>
/// Every log line mcpshim writes (to stderr only). Nothing here prints a frame's content: sizes, methods and ids only.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "profile '{Profile}' ({Mode}): server started from {What} in {Milliseconds:0} ms")]
    public static partial void ServerStarted(ILogger logger, string profile, string mode, string what, double milliseconds);

    [LoggerMessage(2, LogLevel.Error, "profile '{Profile}': {Message}")]
    public static partial void StartupFailed(ILogger logger, string profile, string message);

    [LoggerMessage(3, LogLevel.Debug, "session ending ({Reason}); closing the server's stdin, grace {Seconds} s")]
    public static partial void Stopping(ILogger logger, string reason, double seconds);

    [LoggerMessage(4, LogLevel.Warning, "profile '{Profile}': the server did not exit within {Seconds} s of its stdin closing; stopping it")]
    public static partial void ForcingStop(ILogger logger, string profile, double seconds);

    [LoggerMessage(5, LogLevel.Warning, "profile '{Profile}': the server exited with code {ExitCode}; {Failed} request(s) still waiting were answered with an error")]
    public static partial void ServerExited(ILogger logger, string profile, int exitCode, int failed);

    [LoggerMessage(50, LogLevel.Debug, "exec via engine API at {Endpoint}: {Description}")]
    public static partial void ExecViaEngineApi(ILogger logger, string endpoint, string description);

    [LoggerMessage(51, LogLevel.Debug, "exec via the {Engine} CLI: {Reason}")]
    public static partial void ExecViaCli(ILogger logger, string engine, string reason);

    [LoggerMessage(52, LogLevel.Debug, "{What} via the {Engine} CLI: {Reason}")]
    public static partial void EngineCallViaCli(ILogger logger, string what, string engine, string reason);

    [LoggerMessage(53, LogLevel.Debug, "relay memory: {Collections} gen0 collections, {AllocatedKiB} KiB allocated in all")]
    public static partial void RelayMemory(ILogger logger, int collections, long allocatedKiB);

    [LoggerMessage(140, LogLevel.Debug, "run via engine API at {Endpoint}: container {Container}")]
    public static partial void RunViaEngineApi(ILogger logger, string endpoint, string container);

    [LoggerMessage(141, LogLevel.Debug, "run via the {Engine} CLI: {Reason}")]
    public static partial void RunViaCli(ILogger logger, string engine, string reason);

    [LoggerMessage(142, LogLevel.Warning, "profile '{Profile}': the image's USER '{User}' is a name, which mcpshim does not look up in the image; the server runs as {Fallback}. Set \"user\" to its numeric UID:GID in the profile to run as that user")]
    public static partial void ImageUserIgnored(ILogger logger, string profile, string user, string fallback);

    [LoggerMessage(143, LogLevel.Debug, "mounted as checked: {Detail}")]
    public static partial void MountsVerified(ILogger logger, string detail);

    [LoggerMessage(10, LogLevel.Warning, "{Direction}: a frame of {Length} bytes is not a JSON-RPC object; forwarded unchanged. If it came from the server, the server wrote something other than MCP to stdout (logs belong on stderr): check its output with 'mcpshim logs' or -v")]
    public static partial void FrameNotJsonRpc(ILogger logger, Direction direction, long length);

    [LoggerMessage(17, LogLevel.Warning, "{Direction}: a frame of {Length} bytes was refused ({Reason}): {Why}; nothing of it was forwarded")]
    public static partial void FrameRefused(ILogger logger, Direction direction, long length, string reason, string why);

    [LoggerMessage(18, LogLevel.Warning, "{Direction}: an answer with id {Id} matches no request in flight; under the tool policy it was dropped")]
    public static partial void UnmatchedAnswerDropped(ILogger logger, Direction direction, string id);

    [LoggerMessage(16, LogLevel.Debug, "{Direction}: frames over 256 KiB go on inside the kernel (tee and splice), not through mcpshim")]
    public static partial void ZeroCopyRoute(ILogger logger, Direction direction);

    [LoggerMessage(11, LogLevel.Error, "{Direction}: a frame of {Length} bytes exceeds the maximum of {Max} bytes and was dropped ({Method}); raise \"maxFrameBytes\" in the profile if frames this large are expected")]
    public static partial void OversizedFrame(ILogger logger, Direction direction, long length, long max, string method);

    [LoggerMessage(12, LogLevel.Warning, "{Direction}: {Length} bytes at end of stream were not a complete frame and were dropped; the sender stopped in the middle of a message (a server that crashed says why in its stderr above)")]
    public static partial void TruncatedTailDropped(ILogger logger, Direction direction, long length);

    [LoggerMessage(15, LogLevel.Error, "{Direction}: a streamed frame passed the maximum of {Max} bytes; the part already sent was cut off and the rest dropped ({Length} bytes in all). Raise \"maxFrameBytes\" in the profile if frames this large are expected")]
    public static partial void StreamedFrameCutOff(ILogger logger, Direction direction, long length, long max);

    [LoggerMessage(13, LogLevel.Debug, "{Direction}: the receiving side closed ({Message})")]
    public static partial void DestinationClosed(ILogger logger, Direction direction, string message);

    [LoggerMessage(14, LogLevel.Warning, "{Direction}: reading failed ({Message})")]
    public static partial void SourceFailed(ILogger logger, Direction direction, string message);

    [LoggerMessage(19, LogLevel.Error, "{Direction}: the relay stopped on an unexpected error, a bug in mcpshim; the session ends cleanly. Please report it with this message")]
    public static partial void PumpFailed(ILogger logger, Direction direction, Exception exception);

    [LoggerMessage(20, LogLevel.Error, "audit: cannot write to {Path}: {Message}. The relay goes on; tool calls are not being recorded until this is fixed")]
    public static partial void AuditWriteFailed(ILogger logger, string path, string message);

    [LoggerMessage(30, LogLevel.Information, "removed orphan container {Name} (its mcpshim, pid {Pid}, is gone)")]
    public static partial void OrphanRemoved(ILogger logger, string name, int pid);

    [LoggerMessage(31, LogLevel.Debug, "orphan scan skipped: {Message}")]
    public static partial void OrphanScanFailed(ILogger logger, string message);

    [LoggerMessage(41, LogLevel.Warning, "unsafe: {Warning}")]
    public static partial void UnsafeAllowance(ILogger logger, string warning);

    [LoggerMessage(40, LogLevel.Error, "{Message}")]
    public static partial void ConfigError(ILogger logger, string message);

    // 200-299: tool policy (issue 4).
    [LoggerMessage(200, LogLevel.Warning, "profile '{Profile}': tool '{Tool}' {Change}; it is hidden and its calls are refused. Review it, then run 'mcpshim pin {Profile}' to accept it")]
    public static partial void ToolUnpinned(ILogger logger, string profile, string tool, string change);

    [LoggerMessage(201, LogLevel.Warning, "profile '{Profile}' has \"policy.pinTools\": true but {Problem}; every tool is hidden until you run 'mcpshim pin {Profile}'")]
    public static partial void PinsMissing(ILogger logger, string profile, string problem);

    [LoggerMessage(202, LogLevel.Information, "policy: tools/call '{Tool}' (id {Id}) denied ({Reason})")]
    public static partial void ToolCallDenied(ILogger logger, string tool, string id, string reason);

    [LoggerMessage(203, LogLevel.Debug, "policy: tools/call '{Tool}' (id {Id}) held until {Until}")]
    public static partial void ToolCallHeld(ILogger logger, string tool, string id, string until);

    [LoggerMessage(204, LogLevel.Information, "policy: the user confirmed tools/call '{Tool}' (id {Id}); forwarded")]
    public static partial void ToolCallConfirmed(ILogger logger, string tool, string id);

    [LoggerMessage(205, LogLevel.Debug, "policy: listing the server's tools ({Trigger})")]
    public static partial void ToolsRefreshing(ILogger logger, string trigger);

    [LoggerMessage(206, LogLevel.Warning, "policy: the server's tools/list answer was {What}; tools mcpshim cannot see are hidden and their calls refused where the policy needs their definition. 'mcpshim pin PROFILE' shows what the server lists; a server that cannot list its tools needs fixing, or a policy without validateArguments, readOnly and pinTools")]
    public static partial void ToolListUnreadable(ILogger logger, string what);

    [LoggerMessage(207, LogLevel.Warning, "policy: tool '{Tool}': its inputSchema has {What}, which mcpshim does not check; the rest of it is checked")]
    public static partial void SchemaPartlyUnchecked(ILogger logger, string tool, string what);


    [LoggerMessage(209, LogLevel.Debug, "{Direction}: an answer to mcpshim's own request {Id} is no longer awaited; dropped")]
    public static partial void StrayAnswerDropped(ILogger logger, Direction direction, string id);


    [LoggerMessage(211, LogLevel.Debug, "a frame of {Length} bytes made by mcpshim could not be delivered ({Message})")]
    public static partial void OwnFrameNotDelivered(ILogger logger, long length, string message);

    [LoggerMessage(212, LogLevel.Warning, "policy: {Direction}: request {Method} reuses the id {Id} of mcpshim's own request; refused, not passed on (an answer to it could pass for the answer to mcpshim's). A peer that does this is faulty or hostile: check what it is")]
    public static partial void OwnIdRequestRefused(ILogger logger, Direction direction, string method, string id);

    [LoggerMessage(213, LogLevel.Warning, "policy: {Direction}: a notifications/cancelled for mcpshim's own request {Id} was dropped: only mcpshim withdraws its own requests. A peer that sends this is faulty or hostile: check what it is")]
    public static partial void OwnRequestCancelDropped(ILogger logger, Direction direction, string id);

    // mcpshim test (issue 5): 100-199.
    [LoggerMessage(100, LogLevel.Information, "test {Index}/{Total} '{Profile}' ({Mode}): starting {What}")]
    public static partial void SmokeProfileStarting(ILogger logger, int index, int total, string profile, string mode, string what);

    [LoggerMessage(101, LogLevel.Warning, "test '{Profile}': {Phase} / {Check} FAILED: {Detail}")]
    public static partial void SmokeCheckFailed(ILogger logger, string profile, string phase, string check, string detail);

    [LoggerMessage(102, LogLevel.Information, "test '{Profile}': {Passed} passed, {Failed} failed, {Skipped} skipped in {Milliseconds:0} ms")]
    public static partial void SmokeProfileFinished(ILogger logger, string profile, int passed, int failed, int skipped, double milliseconds);

    [LoggerMessage(103, LogLevel.Warning, "test '{Profile}': cleaning up failed: {Message}")]
    public static partial void SmokeCleanupFailed(ILogger logger, string profile, string message);

    [LoggerMessage(104, LogLevel.Warning, "interrupted: stopping and removing the containers this run started")]
    public static partial void SmokeInterrupted(ILogger logger);

    [LoggerMessage(105, LogLevel.Information, "wrote the {Format} report to {Path}")]
    public static partial void SmokeReportWritten(ILogger logger, string format, string path);

    [LoggerMessage(106, LogLevel.Information, "test '{Profile}': skipped: {Reason}")]
    public static partial void SmokeProfileSkipped(ILogger logger, string profile, string reason);

    // Everyday commands (issue 6): 300-399.
    [LoggerMessage(300, LogLevel.Warning, "cannot keep the server's stderr in {Path} for 'mcpshim logs': {Message}")]
    public static partial void KeptStderrUnavailable(ILogger logger, string path, string message);

    [LoggerMessage(301, LogLevel.Information, "profile '{Profile}': update check found a newer image: {Old} -> {New}")]
    public static partial void StartupUpdateFound(ILogger logger, string profile, string old, string @new);

    [LoggerMessage(302, LogLevel.Debug, "profile '{Profile}': background update check: {Outcome}")]
    public static partial void StartupUpdateChecked(ILogger logger, string profile, string outcome);

    [LoggerMessage(303, LogLevel.Warning, "profile '{Profile}': background update check failed: {Message}")]
    public static partial void StartupUpdateFailed(ILogger logger, string profile, string message);

    // What a session leaves behind (issues 13 and 14): 400-419.
    [LoggerMessage(400, LogLevel.Warning, "cannot keep the session marker {Path} ({Message}): if this mcpshim is killed, no session.end line can be written for it later")]
    public static partial void SessionMarkerFailed(ILogger logger, string path, string message);

    [LoggerMessage(401, LogLevel.Information, "wrote the missing session.end (reason lost) of session {Session} of profile '{Profile}' (its mcpshim, pid {Pid}, is gone) to {AuditPath}")]
    public static partial void SessionLost(ILogger logger, string session, string profile, int pid, string auditPath);

    [LoggerMessage(402, LogLevel.Information, "removed the secrets folder {Path} (its mcpshim, pid {Pid}, is gone)")]
    public static partial void SecretFolderReaped(ILogger logger, string path, int pid);

    [LoggerMessage(403, LogLevel.Debug, "looking for what dead sessions left failed: {Message}")]
    public static partial void LeftoverScanFailed(ILogger logger, string message);

    [LoggerMessage(404, LogLevel.Information, "the warm container {Name} was made with other secrets, env, mounts, user or image than profile '{Profile}' has now ({Why}): recreating it")]
    public static partial void WarmContainerRecreating(ILogger logger, string name, string profile, string why);

    [LoggerMessage(405, LogLevel.Warning, "the warm container {Name} was made with other secrets, env, mounts, user or image than profile '{Profile}' has now, and {Count} other session(s) still use it: this session runs in a fresh container of its own, as in mode run. The warm container is recreated by the first session that finds it idle")]
    public static partial void WarmContainerBusyStale(ILogger logger, string name, string profile, int count);

    [LoggerMessage(406, LogLevel.Debug, "swept the warm container {Name}: no process of an earlier session is left ({Milliseconds:0} ms)")]
    public static partial void WarmContainerSwept(ILogger logger, string name, double milliseconds);

    [LoggerMessage(407, LogLevel.Warning, "the warm container {Name} could not be swept clean ({Detail}): restarting it, which ends every process in it")]
    public static partial void WarmSweepIncomplete(ILogger logger, string name, string detail);

    [LoggerMessage(408, LogLevel.Debug, "the warm container {Name} is not swept yet: {Count} other session(s) still use it; the last one to end sweeps it")]
    public static partial void WarmSweepDeferred(ILogger logger, string name, int count);

    [LoggerMessage(409, LogLevel.Warning, "the warm container {Name} could not be restarted ({Detail}): removing it; the next session creates it again")]
    public static partial void WarmRestartFailed(ILogger logger, string name, string detail);

    [LoggerMessage(410, LogLevel.Warning, "could not leave the warm container {Name} cleanly: {Message}. The next session sweeps it")]
    public static partial void WarmLeaveFailed(ILogger logger, string name, string message);

    // The host sandbox of mode local (issue 16): 1600-1699.
    [LoggerMessage(1600, LogLevel.Warning, "profile '{Profile}': sandbox: not enforced here: {Gaps}")]
    public static partial void SandboxGaps(ILogger logger, string profile, string gaps);

    [LoggerMessage(1601, LogLevel.Debug, "profile '{Profile}': sandbox: {Mechanism}, Landlock ABI {Abi}, {Rules} path rules, network {Network}, planned in {Milliseconds:0.0} ms, scratch {Scratch}")]
    public static partial void SandboxApplied(ILogger logger, string profile, string mechanism, int abi, int rules, string network, double milliseconds, string scratch);

    [LoggerMessage(1602, LogLevel.Warning, "profile '{Profile}': could not remove the sandbox's scratch folder {Folder}: {Message}")]
    public static partial void SandboxScratchLeft(ILogger logger, string profile, string folder, string message);

    [LoggerMessage(1900, LogLevel.Debug, "the engine '{Engine}' does not list its runtimes ({Reason}); the profile's runtime is left to it")]
    public static partial void RuntimesUnknown(ILogger logger, string engine, string reason);
}
