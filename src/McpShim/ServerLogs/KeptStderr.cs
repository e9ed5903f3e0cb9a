using System.Text;
using McpShim.Logging;
using McpShim.Platform;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.ServerLogs;

/// <summary>
/// The last session's server stderr of a profile, kept in <c>logs/PROFILE.log</c> in the state folder (<see cref="ConfigPaths.LogsFolder"/>) for
/// <c>mcpshim logs</c> (issue 6): run-mode containers are removed with their logs, and exec-mode servers are
/// <c>docker exec</c> children whose output never reaches <c>docker logs</c>. Owner-only, at most
/// <see cref="DefaultMaxBytes"/>, replaced when a session starts. Lines arrive already redacted.
/// </summary>
internal sealed class KeptStderr : IDisposable
{
    public const long DefaultMaxBytes = 1L << 20;

    private readonly FileStream _file;
    private readonly byte[] _header;
    private readonly long _maxBytes;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _broken;

    private KeptStderr(FileStream file, byte[] header, long maxBytes, TimeProvider clock, ILogger logger)
    {
        _file = file;
        _header = header;
        _maxBytes = maxBytes;
        _clock = clock;
        _logger = logger;
    }

    public string Path => _file.Name;

    public static string PathFor(string profile) => System.IO.Path.Combine(ConfigPaths.LogsFolder, profile + ".log");

    /// <summary>
    /// Starts a fresh file and puts it in place with a rename, so a session still running keeps writing to its own
    /// (now unlinked) copy instead of interleaving with the new one. Null, with a warning, when the folder is not writable:
    /// a session never fails for its log.
    /// </summary>
    public static KeptStderr? Start(string path, KeptStderrHeader header, ILogger logger, TimeProvider? clock = null, long maxBytes = DefaultMaxBytes)
    {
        clock ??= TimeProvider.System;
        var temp = $"{path}.{Guid.NewGuid().ToString("N")[..8]}.tmp";
        try
        {
            var files = ShimPlatform.Current.Files;
            files.CreatePrivateFolder(System.IO.Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            };
            files.CreateOwnerOnly(options);
            var file = new FileStream(temp, options);
            var headerBytes = Encoding.UTF8.GetBytes(header.Format(clock.GetUtcNow()) + "\n");
            file.Write(headerBytes);
            File.Move(temp, path, overwrite: true);
            return new KeptStderr(file, headerBytes, Math.Max(maxBytes, 4096), clock, logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.KeptStderrUnavailable(logger, path, ex.Message);
            TryDelete(temp);
            return null;
        }
    }

    /// <summary>Appends one line (without its newline) with the time it arrived.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        var stamp = Encoding.ASCII.GetBytes(KeptLine.FormatTime(_clock.GetUtcNow()) + " ");
        var buffer = new byte[stamp.Length + line.Length + 1];
        stamp.CopyTo(buffer, 0);
        line.CopyTo(buffer.AsSpan(stamp.Length));
        buffer[^1] = (byte)'\n';
        lock (_gate)
        {
            if (_broken)
                return;
            try
            {
                _file.Write(buffer);
                if (_file.Length > _maxBytes)
                    KeepNewestHalf();
            }
            catch (IOException ex)
            {
                // A full disk ends the kept copy, never the session.
                _broken = true;
                Log.KeptStderrUnavailable(_logger, Path, ex.Message);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _broken = true;
            _file.Dispose();
        }
    }

    /// <summary>Keeps the header and the newest whole lines of about half the limit, so trimming is rare.</summary>
    private void KeepNewestHalf()
    {
        var keep = (int)(_maxBytes / 2);
        var tail = new byte[keep];
        _file.Seek(-keep, SeekOrigin.End);
        _file.ReadExactly(tail);
        var firstLine = Array.IndexOf(tail, (byte)'\n') + 1;
        var marker = Encoding.UTF8.GetBytes(
            $"{KeptLine.FormatTime(_clock.GetUtcNow())} {KeptLine.TrimmedMarker} older lines dropped to stay under {_maxBytes / 1024} KiB\n");
        _file.SetLength(0);
        _file.Seek(0, SeekOrigin.Begin);
        _file.Write(_header);
        _file.Write(marker);
        _file.Write(tail.AsSpan(firstLine));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray .tmp file in the state folder harms nothing.
        }
    }
}
