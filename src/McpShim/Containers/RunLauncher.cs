using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// <c>mode: run</c>: a fresh hardened container per session (<c>docker run --rm -i</c>), removed when the session
/// ends. If mcpshim is killed, the engine CLI sees its stdin close, the server sees EOF and the container goes with it;
/// anything left is reaped by the next mcpshim (<see cref="OrphanReaper"/>).
/// </summary>
internal sealed class RunLauncher(ResolvedProfile profile, SessionInfo session, EngineCli cli, ILogger logger) : IServerLauncher
{
    private readonly string _name = ContainerLabels.RunContainerName(profile, session);
    private bool _started;
    private ContainerExtras? _extras;

    public string? ImageRef { get; private set; } = profile.Image;

    public string? ContainerName => _name;

    public IReadOnlyList<Secrets.SecretValue> Secrets { get; private set; } = [];

    public async Task<ServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var image = profile.Image!;
        var inspection = await ImageInspector.InspectAsync(cli, image, logger, cancellationToken);
        ImageRef = ImageInspector.Describe(image, inspection);
        var user = HardeningFlags.ChooseUser(profile, inspection.Config);
        Secrets = await McpShim.Secrets.SecretResolver.ResolveAsync(profile, cancellationToken);
        _extras = ContainerExtras.Prepare(profile, Secrets, user, session.Id, keepFiles: false);
        var env = HardeningFlags.Environment(profile, user, Secrets);

        var arguments = new List<string> { "run" };
        arguments.AddRange(HardeningFlags.For(profile, session, _name, user, warm: false, _extras.Mounts));
        var (envFlags, viaCli) = HardeningFlags.EnvironmentFlags(env);
        arguments.AddRange(envFlags);
        arguments.Add(image);
        if (profile.Command is { } command)
        {
            // The profile's command replaces the image's entrypoint and arguments entirely.
            arguments.InsertRange(arguments.Count - 1, ["--entrypoint", command[0]]);
            arguments.AddRange(command.Skip(1));
        }

        _started = true;
        return ServerProcess.Start(cli.Executable, arguments, cli.EnvironmentWith(viaCli), detail => EngineProblems.NotFound(cli.Engine, detail), replaceEnvironment: true);
    }

    public async Task ForceStopAsync(ServerProcess process)
    {
        await cli.RunAsync(["kill", "--signal", "TERM", _name], TimeSpan.FromSeconds(10));
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(2)))
            await cli.RunAsync(["rm", "-f", _name], TimeSpan.FromSeconds(20));
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(5)))
            process.Kill();
    }

    public async Task CleanupAsync()
    {
        if (_started)
            await cli.RunAsync(["rm", "-f", _name], TimeSpan.FromSeconds(20)); // a no-op when --rm already did it
        _extras?.Files?.Cleanup();
    }
}
