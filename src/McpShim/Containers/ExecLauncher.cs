using System.Net.Sockets;
using McpShim.Containers.EngineApi;
using McpShim.Logging;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// <c>mode: exec</c>: a warm, hardened container per (profile, OS user), started on first use and kept running; each
/// session runs the server in it with <c>docker exec -i</c> (seed 003), which starts in ~70 ms instead of ~300 ms.
/// When the Docker Engine API is reachable (<see cref="EngineApiEndpoint"/>), mcpshim makes that exec itself and
/// relays over its connection, one hop less per frame than through a CLI child (issue 2); the CLI is the fallback.
/// Sessions enter and leave the container through <see cref="WarmContainer"/>, which sweeps it and recreates it (issue 14).
/// </summary>
internal sealed class ExecLauncher(ResolvedProfile profile, SessionInfo session, EngineCli cli, WarmContainer warm, ILogger logger) : IServerLauncher
{
    /// <summary>
    /// Marks this session's processes inside the shared container, so a forced stop signals only them. A process can
    /// shed it (<c>env -i</c>): what ends every process a session started is the sweep (<see cref="WarmSweep"/>).
    /// </summary>
    public const string SessionMarker = "MCPSHIM_SESSION";

    private RunLauncher? _oneOff;
    private string? _user;

    public string? ImageRef { get; private set; } = profile.Image;

    public string? ContainerName => _oneOff?.ContainerName ?? warm.Name;

    public IReadOnlyList<Secrets.SecretValue> Secrets { get; private set; } = [];

    public async Task<ServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        warm.Prepare(); // beside the image inspection and the secrets: the digest's crypto takes a while to load
        var image = profile.Image!;
        var inspection = await ImageInspector.InspectAsync(cli, image, logger, cancellationToken);
        ImageRef = ImageInspector.Describe(image, inspection);
        var user = HardeningFlags.ChooseUser(profile, inspection.Config);
        bool entered;
        // Held from here on, as in mode run: resolving the secrets may take a while, and the folders must not change meanwhile.
        using (var pins = MountPins.Take(profile))
        {
            Secrets = await McpShim.Secrets.SecretResolver.ResolveAsync(profile, cancellationToken);
            // Secret files are rewritten in place for every session; the warm container keeps its mount of them. Nothing
            // is written before the warm container has been found fit to receive them.
            var extras = ContainerExtras.Plan(profile, Secrets, warm.Name, keepFiles: true);
            entered = await warm.EnterAsync(user, inspection.Id ?? image, extras, Secrets, pins, cancellationToken);
        }

        if (!entered)
            return await StartOneOffAsync(cancellationToken);
        _user = user;

        var command = profile.Command ?? [.. inspection.Config?.Entrypoint ?? [], .. inspection.Config?.Cmd ?? []];
        if (command.Count == 0)
        {
            throw new StartupException(
                $"image '{image}' has no entrypoint or command, and profile '{profile.Name}' gives no \"command\" to exec. " +
                "Add \"command\" to the profile.");
        }

        var env = HardeningFlags.Environment(profile, user, Secrets);
        env.Add(new(SessionMarker, session.Id));
        if (TryStartThroughApi(command, env, user) is { } started)
            return started;

        // -u: the container's own user is the keep-alive's (WarmContainer.KeepAliveUser), never the server's.
        var arguments = new List<string> { "exec", "-i", "-u", user };
        var (envFlags, viaCli) = HardeningFlags.EnvironmentFlags(env);
        arguments.AddRange(envFlags);
        if (!string.IsNullOrWhiteSpace(profile.Workdir))
            arguments.AddRange(["--workdir", profile.Workdir]);
        arguments.Add(warm.Name);
        arguments.AddRange(command);
        return ServerProcess.Start(cli.Executable, arguments, cli.EnvironmentWith(viaCli), detail => EngineProblems.NotFound(cli.Engine, detail), replaceEnvironment: true);
    }

    /// <summary>
    /// The warm container was made with other settings (a rotated secret, say) and other sessions still use it: this
    /// session runs in a fresh container of its own, as in mode run, so its secrets never reach what runs there.
    /// </summary>
    private async Task<ServerProcess> StartOneOffAsync(CancellationToken cancellationToken)
    {
        _oneOff = new RunLauncher(profile with { Mode = ProfileMode.Run }, session, cli, logger);
        var started = await _oneOff.StartAsync(cancellationToken);
        ImageRef = _oneOff.ImageRef;
        Secrets = _oneOff.Secrets;
        return started;
    }

    /// <summary>
    /// Starts the server over the Engine API, or returns null when the API is not to be used or cannot be reached
    /// (then the CLI path runs and gives its established errors). Errors the engine answers are the session's.
    /// </summary>
    private EngineExecProcess? TryStartThroughApi(IReadOnlyList<string> command, List<KeyValuePair<string, string>> env, string user)
    {
        var (endpoint, reason) = cli.ApiEndpoint();
        if (endpoint is null)
        {
            Log.ExecViaCli(logger, cli.Engine, reason);
            return null;
        }

        EngineApiConnection connection;
        string execId;
        try
        {
            connection = EngineExecApi.Connect(endpoint);
        }
        catch (SocketException ex)
        {
            Log.ExecViaCli(logger, cli.Engine, $"the Engine API at {endpoint} is not reachable ({ex.Message})");
            return null;
        }

        try
        {
            var request = new ExecCreateRequest
            {
                Cmd = [.. command],
                Env = [.. env.Select(e => $"{e.Key}={e.Value}")],
                User = user,
                WorkingDir = string.IsNullOrWhiteSpace(profile.Workdir) ? null : profile.Workdir,
            };
            try
            {
                execId = EngineExecApi.Create(connection, warm.Name, request);
            }
            catch (IOException ex)
            {
                // Nothing was started: whatever answers there is not an engine we understand; the CLI may.
                connection.Dispose();
                Log.ExecViaCli(logger, cli.Engine, $"the Engine API at {endpoint} did not answer as expected ({ex.Message})");
                return null;
            }

            EngineExecApi.Start(connection, execId);
        }
        catch (EngineApiException ex)
        {
            connection.Dispose();
            throw new StartupException(EngineExecApi.Explain(cli.Engine, endpoint, warm.Name, ex), ex);
        }
        catch (IOException ex)
        {
            connection.Dispose();
            throw new StartupException(
                $"could not start the server in the warm container '{warm.Name}' through the Engine API at {endpoint}: {ex.Message}. " +
                $"Check the engine with '{cli.Engine} info', or set {EngineApiEndpoint.ExecViaEnv}=cli to go through the {cli.Engine} CLI.", ex);
        }

        var process = new EngineExecProcess(endpoint, connection, execId, warm.Name);
        Log.ExecViaEngineApi(logger, endpoint.ToString(), process.Description);
        return process;
    }

    public async Task ForceStopAsync(ServerProcess process)
    {
        if (_oneOff is not null)
        {
            await _oneOff.ForceStopAsync(process);
            return;
        }

        // Killing the docker CLI (or closing the API connection) does not kill what it exec'd: find this session's
        // processes by their marker. Only a polite first step: the sweep at cleanup ends whatever shed the marker.
        if (_user is { } user)
            await SignalMarkedAsync(user, "TERM");
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(2)))
            process.Kill();
    }

    /// <summary>Leaves the warm container: the last session out sweeps it (<see cref="WarmContainer.LeaveAsync"/>).</summary>
    public Task CleanupAsync() => _oneOff?.CleanupAsync() ?? warm.LeaveAsync(user => SignalMarkedAsync(user, "KILL"));

    /// <summary>Signals the processes that still carry this session's marker (as the server's user: only it may).</summary>
    private async Task SignalMarkedAsync(string user, string signal)
    {
        var script =
            $"for p in /proc/[0-9]*; do if tr '\\0' '\\n' < $p/environ 2>/dev/null | grep -qx '{SessionMarker}={session.Id}'; " +
            $"then kill -{signal} ${{p#/proc/}} 2>/dev/null; fi; done";
        await cli.RunAsync(["exec", "-u", user, warm.Name, "sh", "-c", script], TimeSpan.FromSeconds(10));
    }
}
