namespace McpShim.Containers;

/// <summary>
/// The server at the other end of the relay: a child process (<see cref="ChildServerProcess"/>: the server itself in
/// local mode, or the engine CLI attached to it) or an exec reached over the Engine API
/// (<see cref="EngineApi.EngineExecProcess"/>).
/// </summary>
internal abstract class ServerProcess : IDisposable
{
    /// <summary>For messages: <c>pid 4242</c>, or the exec and its container.</summary>
    public abstract string Description { get; }

    /// <summary>The server's stdin. Writes block until the bytes are handed on.</summary>
    public abstract Stream Input { get; }

    /// <summary>The server's stdout, read with blocking reads by the relay.</summary>
    public abstract Stream Output { get; }

    public abstract Stream Error { get; }

    /// <summary>Completes when the server has exited (or is known to be gone).</summary>
    public abstract Task Exited { get; }

    /// <summary>The exit code once known; null while running or when the engine could not tell.</summary>
    public abstract int? ExitCode { get; }

    /// <summary>
    /// Starts a child process; <paramref name="explainNotFound"/> words the error when the program is missing. With
    /// <paramref name="replaceEnvironment"/> the child gets exactly <paramref name="environment"/>, else it is added
    /// to mcpshim's own.
    /// </summary>
    public static ServerProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string>> environment,
        Func<string, string> explainNotFound,
        bool replaceEnvironment = false) =>
        ChildServerProcess.Spawn(fileName, arguments, environment, explainNotFound, replaceEnvironment);

    /// <summary>Closes the server's stdin: the polite way to ask an MCP server to exit.</summary>
    public abstract void CloseInput();

    /// <summary>SIGTERM on Unix (the process may clean up); a kill elsewhere.</summary>
    public abstract void Terminate();

    public abstract void Kill();

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (HasExited)
            return true;
        return await Task.WhenAny(Exited, Task.Delay(timeout)) == Exited;
    }

    /// <summary>Whether the server is known to have exited, without waiting.</summary>
    protected virtual bool HasExited => Exited.IsCompleted;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
