using System.Diagnostics;
using McpShim.Platform;

namespace McpShim.Containers;

/// <summary>
/// The child process at the other end of the relay: the server itself (local mode) or the engine CLI attached to
/// it (<c>docker run -i</c> / <c>docker exec -i</c>).
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private int _inputClosed;

    private ServerProcess(Process process)
    {
        _process = process;
        ShimPlatform.Current.Processes.EnlargePipe(process.StandardInput.BaseStream);
        ShimPlatform.Current.Processes.EnlargePipe(process.StandardOutput.BaseStream);
        Exited = process.WaitForExitAsync();
    }

    public int Pid => _process.Id;

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public Stream Error => _process.StandardError.BaseStream;

    public Task Exited { get; }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Starts the process; <paramref name="explainNotFound"/> words the error when the program is missing. With
    /// <paramref name="replaceEnvironment"/> the child gets exactly <paramref name="environment"/>, else it is added
    /// to mcpshim's own.
    /// </summary>
    public static ServerProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string>> environment,
        Func<string, string> explainNotFound,
        bool replaceEnvironment = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (replaceEnvironment)
            start.Environment.Clear();
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        try
        {
            return new ServerProcess(Process.Start(start) ?? throw new StartupException($"could not start '{fileName}'."));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new StartupException(explainNotFound(ex.Message), ex);
        }
    }

    /// <summary>Closes the server's stdin: the polite way to ask an MCP server to exit.</summary>
    public void CloseInput()
    {
        if (Interlocked.Exchange(ref _inputClosed, 1) == 0)
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The server is already gone; a broken pipe on close is expected.
            }
        }
    }

    /// <summary>SIGTERM on Unix (the process may clean up); a kill elsewhere.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
            ShimPlatform.Current.Processes.Terminate(_process);
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
            return true;
        return await Task.WhenAny(Exited, Task.Delay(timeout)) == Exited;
    }

    public void Dispose() => _process.Dispose();
}
