using System.Globalization;
using System.Text.Json;
using McpShim.Json;
using McpShim.Logging;
using McpShim.Platform;
using Microsoft.Extensions.Logging;

namespace McpShim.Audit;

/// <summary>
/// Writes the <c>session.end</c> line (<c>reason: "lost"</c>) of each session whose mcpshim died without writing it,
/// found by its <see cref="OpenSessionMarker"/>, into that session's own audit file (issue 13). Every mcpshim does
/// this at start, beside the start-up. A marker is claimed by renaming it first, so two mcpshims starting at once
/// write the line once; a claim whose mcpshim died in turn is taken over by the next.
/// </summary>
internal static class LostSessions
{
    private const string ClaimExtension = ".reaping";

    /// <param name="reaper">The session doing this, named in the line's <c>reapedBy</c>.</param>
    /// <returns>How many end lines were written.</returns>
    public static int Reap(string folder, string reaper, string host, int pid, string? startStamp, ILogger logger)
    {
        if (!Directory.Exists(folder))
            return 0;
        var written = 0;
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(ClaimExtension, StringComparison.Ordinal) ? ClaimantAlive(name) : !name.EndsWith(OpenSessionMarker.Extension, StringComparison.Ordinal))
                continue;
            var record = Read(path);
            if (record is null)
            {
                ForgetUnreadable(path);
                continue;
            }

            if (record.Host != host || ProcessIdentity.IsAlive(record.Pid, record.StartStamp))
                continue;

            var claim = Path.Combine(folder, $"{record.Session}{OpenSessionMarker.Extension}.{pid}-{startStamp}{ClaimExtension}");
            try
            {
                // overwrite: rename(2), which only one of two racing mcpshims wins (without it .NET links, then unlinks).
                File.Move(path, claim, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // another mcpshim claimed it first
            }

            using var log = new AuditLog(record.AuditPath, logger);
            var audit = new AuditRecorder(log, new SessionIdentity(record.Session, record.Profile, record.User, record.Image), ArgumentsMode.None);
            audit.SessionLost(record.Pid, reaper);
            if (log.LostLines > 0)
                continue; // the claim stays; once this mcpshim is gone, the next one retries
            File.Delete(claim);
            written++;
            Log.SessionLost(logger, record.Session, record.Profile, record.Pid, record.AuditPath);
        }

        return written;
    }

    /// <summary><c>SESSION.json.PID-STAMP.reaping</c>: whether the mcpshim that claimed the marker still runs.</summary>
    private static bool ClaimantAlive(string name)
    {
        var claimant = name[..^ClaimExtension.Length];
        claimant = claimant[(claimant.LastIndexOf('.') + 1)..];
        var dash = claimant.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(claimant.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return true; // not a claim this code made: leave it
        var stamp = claimant[(dash + 1)..];
        return ProcessIdentity.IsAlive(pid, stamp.Length == 0 ? null : stamp);
    }

    /// <summary>
    /// A marker is written before its session's start line, so one that stays unreadable (its mcpshim died while
    /// writing it) stands for no start line: removed once it is a day old, long after any writer finished.
    /// </summary>
    private static void ForgetUnreadable(string path)
    {
        try
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > TimeSpan.FromDays(1))
                File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already, or not ours to remove.
        }
    }

    private static OpenSessionRecord? Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, ShimJsonContext.Default.OpenSessionRecord);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // half-written by a session that is starting, or gone: not this reaper's business
        }
    }
}
