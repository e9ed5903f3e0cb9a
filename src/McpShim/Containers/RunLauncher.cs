using System.Globalization;
using System.Net.Sockets;
using McpShim.Containers.EngineApi;
using McpShim.Logging;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// <c>mode: run</c>: a fresh hardened container per session, removed when the session ends. Where the Docker Engine API
/// is reachable (<see cref="EngineApiEndpoint"/>) mcpshim creates it from typed JSON (<see cref="HardenedCreateRequest"/>),
/// attaches to its stdio and starts it (issue 14: no value can be read as another option); else <c>docker run --rm -i</c>
/// with checked flags. Either way the bind mounts are held from their check to the start and compared once it runs
/// (<see cref="MountPins"/>). If mcpshim is killed, the server sees its stdin close and the container goes with it;
/// anything left is reaped by the next mcpshim (<see cref="OrphanReaper"/>).
/// </summary>
internal sealed class RunLauncher(ResolvedProfile profile, SessionInfo session, EngineCli cli, ILogger logger) : IServerLauncher
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RunningWait = TimeSpan.FromSeconds(20);

    private readonly string _name = ContainerLabels.RunContainerName(profile, session);
    private bool _started;
    private ContainerExtras? _extras;
    private MountPins? _pins;

    public string? ImageRef { get; private set; } = profile.Image;

    public string? ContainerName => _name;

    public IReadOnlyList<Secrets.SecretValue> Secrets { get; private set; } = [];

    public async Task<ServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        // The engine CLI names the engine (and is the fallback): one that is not there is an error even where the API answers.
        _ = cli.Executable;
        var image = profile.Image!;
        // Beside the image inspection: only a profile that names a runtime asks the engine for its runtimes (issue 19).
        var runtimeCheck = profile.Runtime is null ? Task.CompletedTask : Task.Run(() => EngineRuntimes.EnsureAsync(profile, cli, logger, cancellationToken), cancellationToken);
        var inspection = await ImageInspector.InspectAsync(cli, image, logger, cancellationToken);
        await runtimeCheck;
        ImageRef = ImageInspector.Describe(image, inspection);
        var user = HardeningFlags.ChooseUser(profile, inspection.Config);
        if (HardeningFlags.IgnoredImageUser(profile, inspection.Config) is { } named)
            Log.ImageUserIgnored(logger, profile.Name, named, user);
        // Held from here on: resolving the secrets may take a while (a command), and the folders must not change meanwhile.
        _pins = MountPins.Take(profile);
        Secrets = await McpShim.Secrets.SecretResolver.ResolveAsync(profile, cancellationToken);
        _extras = ContainerExtras.Prepare(profile, Secrets, user, session.Id, keepFiles: false);
        var env = HardeningFlags.Environment(profile, user, Secrets);
        // The CLI's arguments are checked before anything starts: a value it could misread stops the session here.
        (List<string> Arguments, List<KeyValuePair<string, string>> ViaCli)? run = ApiPossible() ? null : CliRun(image, user, env);
        _pins.Recheck();

        _started = true;
        var process = run is null ? StartThroughApi(user, env) : null;
        if (process is null)
        {
            var (arguments, viaCli) = run ?? CliRun(image, user, env);
            process = ServerProcess.Start(cli.Executable, arguments, cli.EnvironmentWith(viaCli), detail => EngineProblems.NotFound(cli.Engine, detail), replaceEnvironment: true);
        }

        try
        {
            await VerifyMountsAsync(process, cancellationToken);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }

        return process;
    }

    public async Task ForceStopAsync(ServerProcess process)
    {
        await SignalAsync("TERM");
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(2)))
            await RemoveAsync();
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(5)))
            process.Kill();
    }

    public async Task CleanupAsync()
    {
        if (_started)
            await RemoveAsync(); // a no-op when the engine's auto-removal already did it
        _pins?.Dispose();
        _extras?.Files?.Cleanup();
    }

    private bool ApiPossible()
    {
        var (endpoint, reason) = cli.ApiEndpoint();
        if (endpoint is null)
            Log.RunViaCli(logger, cli.Engine, reason);
        return endpoint is not null;
    }

    /// <summary>
    /// Creates, attaches to and starts the container over the Engine API; null when the API cannot be reached or does not
    /// answer like an engine before anything was created (then the CLI runs and gives its established errors).
    /// </summary>
    private ServerProcess? StartThroughApi(string user, List<KeyValuePair<string, string>> env)
    {
        var (endpoint, _) = cli.ApiEndpoint();
        if (endpoint is null)
            return null;

        var request = HardenedCreateRequest.For(profile, session, user, env, _extras!.TypedMounts, profile.Command);
        EngineApiConnection attach;
        try
        {
            attach = EngineApiConnection.Open(endpoint, ConnectTimeout);
        }
        catch (SocketException ex)
        {
            return ApiUnusable($"the Engine API at {endpoint} is not reachable ({ex.Message})");
        }

        EngineApiConnection? wait = null;
        try
        {
            attach.SetTimeout(EngineExecApi.CallTimeout);
            string id;
            try
            {
                id = EngineContainerApi.Create(attach, _name, request);
            }
            catch (IOException ex)
            {
                // Nothing was created: whatever answers there is not an engine we understand; the CLI may.
                attach.Dispose();
                return ApiUnusable($"the Engine API at {endpoint} did not answer as expected ({ex.Message})");
            }

            EngineContainerApi.Attach(attach, id);
            wait = EngineApiConnection.Open(endpoint, ConnectTimeout);
            wait.SetTimeout(EngineExecApi.CallTimeout);
            var waitHead = EngineContainerApi.BeginWait(wait, id);
            using (var control = EngineApiConnection.Open(endpoint, ConnectTimeout))
            {
                control.SetTimeout(EngineExecApi.CallTimeout);
                EngineContainerApi.Start(control, id);
            }

            var process = new AttachedContainerProcess(endpoint, attach, wait, waitHead, id, _name);
            Log.RunViaEngineApi(logger, endpoint.ToString(), _name);
            return process;
        }
        catch (EngineApiException ex)
        {
            attach.Dispose();
            wait?.Dispose();
            throw new StartupException(EngineProblems.ExplainApi(cli.Engine, "run", endpoint, ex, profile.Image), ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            attach.Dispose();
            wait?.Dispose();
            throw new StartupException(
                $"could not start the container '{_name}' through the Engine API at {endpoint}: {ex.Message}. " +
                $"Check the engine with '{cli.Engine} info', or set {EngineApiEndpoint.ExecViaEnv}=cli to go through the {cli.Engine} CLI.", ex);
        }
    }

    private ServerProcess? ApiUnusable(string why)
    {
        cli.ApiUnusable(why);
        Log.RunViaCli(logger, cli.Engine, why);
        return null;
    }

    /// <summary>
    /// <c>run --rm -i</c> and its flags, each value checked (<see cref="EngineCliValues"/>), and the environment the
    /// engine CLI must carry for its <c>-e NAME</c> flags.
    /// </summary>
    private (List<string> Arguments, List<KeyValuePair<string, string>> ViaCli) CliRun(string image, string user, List<KeyValuePair<string, string>> env)
    {
        var arguments = new List<string> { "run" };
        arguments.AddRange(HardeningFlags.For(profile, session, _name, user, warm: false, _extras!.Mounts));
        var (envFlags, viaCli) = HardeningFlags.EnvironmentFlags(env);
        arguments.AddRange(envFlags);
        arguments.Add(image);
        if (profile.Command is { } command)
        {
            // The profile's command replaces the image's entrypoint and arguments entirely.
            var entrypoint = EngineCliValues.Checked(command[0], "--entrypoint", string.Empty, $"{profile.Source}: $.profiles.{profile.Name}.command[0]", "Change it in the profile.");
            arguments.InsertRange(arguments.Count - 1, ["--entrypoint", entrypoint]);
            arguments.AddRange(command.Skip(1));
        }

        return (arguments, viaCli);
    }

    /// <summary>
    /// Once the container runs, each bind mount must be the folder that was checked; a difference stops it. A container
    /// that exits before it can be looked at cannot be compared: the host paths are checked once more instead.
    /// </summary>
    private async Task VerifyMountsAsync(ServerProcess process, CancellationToken cancellationToken)
    {
        var pins = _pins!;
        try
        {
            if (pins.Pins.Count == 0)
                return;
            var running = await RunningAsync(process, cancellationToken);
            try
            {
                if (running is { } container)
                    Log.MountsVerified(logger, pins.Verify(container.Pid, container.Id));
                else
                    pins.Recheck();
            }
            catch (StartupException)
            {
                await SignalAsync("KILL");
                await RemoveAsync();
                throw;
            }
        }
        finally
        {
            pins.Dispose();
        }
    }

    /// <summary>The container's first process and id once it runs; null when it ended (or never ran) first.</summary>
    private async Task<(int Pid, string Id)?> RunningAsync(ServerProcess process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RunningWait;
        while (DateTime.UtcNow < deadline && !process.Exited.IsCompleted)
        {
            if (await InspectAsync(cancellationToken) is { } state)
                return state;
            await Task.Delay(25, cancellationToken);
        }

        return null;
    }

    private async Task<(int Pid, string Id)?> InspectAsync(CancellationToken cancellationToken)
    {
        if (EngineApiCalls.TryCall(
                cli, logger, "container inspect", connection => EngineInspectApi.Container(connection, _name),
                (endpoint, error) => EngineProblems.ExplainApi(cli.Engine, "container inspect", endpoint, error, null), out var inspection))
        {
            return inspection is { State: { Running: true, Pid: > 0 } state, Id: { Length: > 0 } id } ? (state.Pid, id) : null;
        }

        var result = await cli.RunAsync(["container", "inspect", "--format", "{{.State.Running}} {{.State.Pid}} {{.Id}}", _name], cancellationToken: cancellationToken);
        var parts = result.Stdout.Split(' ');
        return result.Succeeded && parts.Length == 3 && parts[0] == "true" &&
               int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? (pid, parts[2])
            : null;
    }

    private async Task SignalAsync(string signal)
    {
        if (!EngineApiCalls.TryCall(cli, logger, "kill", connection => Kill(connection, signal), (endpoint, error) => EngineProblems.ExplainApi(cli.Engine, "kill", endpoint, error, null), out _))
            await cli.RunAsync(["kill", "--signal", signal, _name], TimeSpan.FromSeconds(10));
    }

    /// <summary>Removes the container, and waits while the engine's own removal (after an exit) is under way.</summary>
    private async Task RemoveAsync()
    {
        var explain = (EngineApiEndpoint endpoint, EngineApiException error) => EngineProblems.ExplainApi(cli.Engine, "rm", endpoint, error, null);
        if (!EngineApiCalls.TryCall(cli, logger, "rm", Remove, explain, out var removed))
        {
            await cli.RunAsync(["rm", "-f", _name], TimeSpan.FromSeconds(20));
            return;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!removed && DateTime.UtcNow < deadline &&
               EngineApiCalls.TryCall(cli, logger, "container inspect", connection => EngineInspectApi.Container(connection, _name) is not null, explain, out var present) && present)
        {
            await Task.Delay(20);
        }
    }

    private bool Kill(EngineApiConnection connection, string signal)
    {
        EngineContainerApi.Kill(connection, _name, signal);
        return true;
    }

    private bool Remove(EngineApiConnection connection) => EngineContainerApi.Remove(connection, _name);
}
