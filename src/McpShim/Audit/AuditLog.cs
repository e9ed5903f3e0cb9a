using McpShim.Logging;
using McpShim.Platform;
using Microsoft.Extensions.Logging;

namespace McpShim.Audit;

/// <summary>
/// Appends JSON lines to the audit file. Many mcpshim processes may share the file, so each line is written whole
/// at the end (<see cref="IAppendFile"/>; on Unix one <c>write(2)</c> on an <c>O_APPEND</c> descriptor): lines never
/// interleave. The folder and the file are yours alone (0700 and 0600 on Unix). A failure (no permission, disk
/// full) is logged at once and the relay goes on; the open is retried on the next line.
/// </summary>
internal sealed class AuditLog : IDisposable
{
    private readonly ILogger _logger;
    private readonly IFileAccess _files;
    private readonly Lock _gate = new();
    private IAppendFile? _file;
    private string? _lastError;

    public AuditLog(string path, ILogger logger, IFileAccess? files = null)
    {
        Path = path;
        _logger = logger;
        _files = files ?? ShimPlatform.Current.Files;
    }

    public string Path { get; }

    /// <summary>Lines that could not be written.</summary>
    public int LostLines { get; private set; }

    /// <summary>Writes one line; <paramref name="line"/> must end with LF.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            try
            {
                _file ??= Open();
                _file.Write(line);
                _lastError = null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LostLines++;
                if (ex.Message != _lastError)
                {
                    _lastError = ex.Message;
                    Log.AuditWriteFailed(_logger, Path, ex.Message);
                }

                CloseCore();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
            CloseCore();
    }

    private IAppendFile Open()
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            _files.CreatePrivateFolder(folder);
        return _files.OpenAppend(Path);
    }

    private void CloseCore()
    {
        _file?.Dispose();
        _file = null;
    }
}
