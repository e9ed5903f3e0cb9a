using System.ComponentModel;
using System.Diagnostics;

namespace McpShim.Containers;

/// <summary>
/// Runs the container engine's CLI (<c>docker</c>, <c>podman</c>, or a path to either) for short management calls,
/// capturing its output. The relay's long-running server process is started by <see cref="ServerProcess"/>.
/// </summary>
/// <param name="endpoint">A remote engine (issue 6): set in the CLI's environment for every call, the relay's included.</param>
internal sealed class EngineCli(string engine, Platform.ShimPlatform? platform = null, EngineEndpoint? endpoint = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Platform.ShimPlatform _platform = platform ?? Platform.ShimPlatform.Current;
    private readonly Lock _apiLock = new();
    private string? _executable;
    private (EngineApi.EngineApiEndpoint? Endpoint, string Reason)? _api;

    /// <summary>The engine as configured (a name or a path), for messages.</summary>
    public string Engine => engine;

    /// <summary>The engine CLI's full path, found on PATH or in the well-known places; a clear error when nowhere.</summary>
    public string Executable => _executable ??= Locate();

    /// <summary>The engine CLI's environment: the minimal passed set plus <paramref name="extra"/> (by name in argv).</summary>
    public Dictionary<string, string> EnvironmentWith(IEnumerable<KeyValuePair<string, string>> extra)
    {
        var environment = EngineEnvironment.Build(_platform.Host, _platform.Syntax, Executable, extra);
        endpoint?.ApplyTo(environment, Executable);
        return environment;
    }

    /// <summary>The remote engine these calls go to, or null for the CLI's default.</summary>
    public EngineEndpoint? Endpoint => endpoint;

    /// <summary>
    /// Where this engine's API can be reached directly (for the exec and the inspections at a session's start), or
    /// null (and why) for the CLI path. Resolved once; after <see cref="ApiUnusable"/>, null for the rest of the process.
    /// </summary>
    public (EngineApi.EngineApiEndpoint? Endpoint, string Reason) ApiEndpoint()
    {
        lock (_apiLock)
            return _api ??= EngineApi.EngineApiEndpoint.Resolve(engine, endpoint, _platform.Host, _platform.EngineSearch.DefaultDockerSocket);
    }

    /// <summary>
    /// The API could not be reached or did not answer like an engine: later calls go straight to the CLI, so an
    /// unreachable TCP host costs one connect timeout, not one per call.
    /// </summary>
    public void ApiUnusable(string reason)
    {
        lock (_apiLock)
            _api = (null, reason);
    }

    public async Task<EngineResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (key, value) in EnvironmentWith([]))
            start.Environment[key] = value;

        using var process = StartOrExplain(start);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TryKill(process);
            throw new StartupException(
                $"'{engine} {string.Join(' ', arguments.Take(2))}' did not answer within {(timeout ?? DefaultTimeout).TotalSeconds:0} s. " +
                "Check that the engine is running and responsive ('docker info').");
        }

        return new EngineResult(process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    private string Locate()
    {
        var found = Platform.EngineLocator.Locate(engine, _platform.EngineSearch, _platform.Host);
        return found.Path ?? throw new StartupException(EngineProblems.NotFoundAnywhere(engine, found.Tried));
    }

    private Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new StartupException($"could not start '{engine}'.");
        }
        catch (Win32Exception ex)
        {
            throw new StartupException(EngineProblems.NotFound(engine, ex.Message), ex);
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
