using System.Runtime.InteropServices;
using McpShim.Logging;
using McpShim.Platform;
using Microsoft.Extensions.Logging;

namespace McpShim.Audit;

/// <summary>
/// Appends JSON lines to the audit file. Many mcpshim processes may share the file, so each line is one
/// <c>write(2)</c> on an <c>O_APPEND</c> descriptor: lines never interleave. The folder is created 0700 and the file
/// 0600. A failure (no permission, disk full) is logged at once and the relay goes on; the open is retried on the
/// next line.
/// </summary>
internal sealed class AuditLog : IDisposable
{
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private int _fd = -1;
    private FileStream? _fallback;
    private string? _lastError;

    public AuditLog(string path, ILogger logger)
    {
        Path = path;
        _logger = logger;
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
                EnsureOpen();
                if (_fallback is not null)
                {
                    _fallback.Write(line);
                    _fallback.Flush();
                }
                else
                {
                    WriteWhole(line);
                }

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

    private void EnsureOpen()
    {
        if (_fd >= 0 || _fallback is not null)
            return;
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(folder);
            else
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (OperatingSystem.IsWindows())
        {
            _fallback = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1);
            return;
        }

        var fd = LibC.open(Path, OpenFlags.WriteOnly | OpenFlags.Append | OpenFlags.Create | OpenFlags.CloseOnExec, 0x180 /* 0600 */);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open '{Path}' for appending: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        _fd = fd;
    }

    private unsafe void WriteWhole(ReadOnlySpan<byte> line)
    {
        fixed (byte* p = line)
        {
            while (true)
            {
                var n = LibC.write(_fd, p, line.Length);
                if (n == line.Length)
                    return;
                if (n >= 0)
                    throw new IOException($"short write to '{Path}' ({n} of {line.Length} bytes): disk full?");
                var errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.EINTR)
                    throw new IOException($"cannot write to '{Path}': {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    private void CloseCore()
    {
        if (_fd >= 0)
        {
            _ = LibC.close(_fd);
            _fd = -1;
        }

        _fallback?.Dispose();
        _fallback = null;
    }
}
