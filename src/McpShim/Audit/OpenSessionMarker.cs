using System.Text.Json;
using McpShim.Json;
using McpShim.Logging;
using McpShim.Platform;
using Microsoft.Extensions.Logging;

namespace McpShim.Audit;

/// <summary>
/// One small file per session in the state folder's <c>sessions/</c>, there exactly while the session has a
/// <c>session.start</c> line and no <c>session.end</c> (issue 13): written just before the start line, removed just
/// after the end line. A marker whose mcpshim died (SIGKILL, a crash, a power cut) is how <see cref="LostSessions"/>
/// knows which end line is missing.
/// </summary>
internal sealed class OpenSessionMarker(string folder, string session, string host, int pid, string? startStamp, ILogger logger, IFileAccess? files = null)
{
    public const string Extension = ".json";

    private readonly IFileAccess _files = files ?? ShimPlatform.Current.Files;

    /// <summary>The markers' folder inside the state folder.</summary>
    public static string FolderIn(string stateFolder) => System.IO.Path.Combine(stateFolder, "sessions");

    public string Path { get; } = System.IO.Path.Combine(folder, session + Extension);

    /// <summary>Best effort: a marker that cannot be written costs only the "lost" line after a SIGKILL, so it is logged, not fatal.</summary>
    public void Open(AuditRecorder audit, string mode, string startedAt)
    {
        var record = new OpenSessionRecord
        {
            Session = audit.Identity.Session,
            Profile = audit.Identity.Profile,
            User = audit.Identity.User,
            Image = audit.Image,
            Mode = mode,
            Host = host,
            Pid = pid,
            StartStamp = startStamp,
            StartedAt = startedAt,
            AuditPath = audit.Log.Path,
        };
        try
        {
            _files.CreatePrivateFolder(folder);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            _files.CreateOwnerOnly(options);
            using var stream = new FileStream(Path, options);
            JsonSerializer.Serialize(stream, record, ShimJsonContext.Default.OpenSessionRecord);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.SessionMarkerFailed(logger, Path, ex.Message);
        }
    }

    public void Close()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.SessionMarkerFailed(logger, Path, ex.Message);
        }
    }
}
