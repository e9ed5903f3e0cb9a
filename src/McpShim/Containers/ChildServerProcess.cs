using System.Diagnostics;
using McpShim.Platform;

namespace McpShim.Containers;

/// <summary>
/// A <see cref="ServerProcess"/> that is a child process of mcpshim: the server itself (local mode, or the sandbox
/// launcher that becomes it) or the engine CLI attached to it (<c>docker run -i</c> / <c>docker exec -i</c>).
/// </summary>
/// <remarks>
/// The one place that keeps its own <see cref="Process"/> code; every short-lived command goes through CliWrap
/// (<see cref="Platform.ShortCommand"/>, issue 17). The relay needs the raw pipe descriptors of a child that lives
/// as long as the session: it enlarges them to 1 MiB (F_SETPIPE_SZ), splices frames between them and its own stdio
/// without copying, writes and reads them with blocking calls on its pump threads, and decides itself when to close
/// stdin, SIGTERM and kill. CliWrap hides the streams behind its pipe sources and targets and copies through them.
/// </remarks>
internal sealed class ChildServerProcess : ServerProcess
{
    private readonly Process _process;
    private int _inputClosed;

    private ChildServerProcess(Process process)
    {
        _process = process;
        ShimPlatform.Current.Processes.EnlargePipe(process.StandardInput.BaseStream);
        ShimPlatform.Current.Processes.EnlargePipe(process.StandardOutput.BaseStream);
        Exited = process.WaitForExitAsync();
    }

    public override string Description => "pid " + _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override Stream Input => _process.StandardInput.BaseStream;

    public override Stream Output => _process.StandardOutput.BaseStream;

    public override Stream Error => _process.StandardError.BaseStream;

    public override Task Exited { get; }

    public override int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Starts the process; <paramref name="explainNotFound"/> words the error when the program is missing. With
    /// <paramref name="replaceEnvironment"/> the child gets exactly <paramref name="environment"/>, else it is added
    /// to mcpshim's own.
    /// </summary>
    public static ChildServerProcess Spawn(
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
            return new ChildServerProcess(Process.Start(start) ?? throw new StartupException($"could not start '{fileName}'."));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new StartupException(explainNotFound(ex.Message), ex);
        }
    }

    /// <summary>Closes the server's stdin: the polite way to ask an MCP server to exit.</summary>
    public override void CloseInput()
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
    public override void Terminate()
    {
        if (!_process.HasExited)
            ShimPlatform.Current.Processes.Terminate(_process);
    }

    public override void Kill()
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

    protected override bool HasExited => _process.HasExited;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _process.Dispose();
    }
}
