using System.ComponentModel;

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

    /// <summary>
    /// Runs the CLI with <paramref name="arguments"/> and exactly <see cref="EnvironmentWith"/>'s environment (a secret
    /// travels there, never in argv); killed with its children when <paramref name="timeout"/> passes or
    /// <paramref name="cancellationToken"/> fires (see <see cref="Platform.ShortCommand"/>).
    /// </summary>
    public async Task<EngineResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var command = Platform.ShortCommand.Create(Executable, arguments, EnvironmentWith([]));
        CliWrap.Buffered.BufferedCommandResult? result;
        try
        {
            result = await Platform.ShortCommand.RunAsync(command, timeout ?? DefaultTimeout, cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new StartupException(EngineProblems.NotFound(engine, ex.Message), ex);
        }

        return result is null
            ? throw new StartupException(
                $"'{engine} {string.Join(' ', arguments.Take(2))}' did not answer within {(timeout ?? DefaultTimeout).TotalSeconds:0} s. " +
                "Check that the engine is running and responsive ('docker info').")
            : new EngineResult(result.ExitCode, result.StandardOutput.Trim(), result.StandardError.Trim());
    }

    private string Locate()
    {
        var found = Platform.EngineLocator.Locate(engine, _platform.EngineSearch, _platform.Host);
        return found.Path ?? throw new StartupException(EngineProblems.NotFoundAnywhere(engine, found.Tried));
    }
}
