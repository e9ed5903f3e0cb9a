using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>
/// <c>mode: exec</c>: a warm, hardened container per (profile, OS user), started on first use and kept running; each
/// session runs the server in it with <c>docker exec -i</c> (seed 003), which starts in ~70 ms instead of ~300 ms.
/// </summary>
internal sealed class ExecLauncher(ResolvedProfile profile, SessionInfo session, EngineCli cli, WarmContainer warm) : IServerLauncher
{
    /// <summary>Marks this session's processes inside the shared container, so a forced stop kills only them.</summary>
    public const string SessionMarker = "MCPSHIM_SESSION";

    public string? ImageRef { get; private set; } = profile.Image;

    public string? ContainerName => warm.Name;

    public IReadOnlyList<Secrets.SecretValue> Secrets { get; private set; } = [];

    public async Task<ServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var image = profile.Image!;
        var inspection = await ImageInspector.InspectAsync(cli, image, cancellationToken);
        ImageRef = ImageInspector.Describe(image, inspection);
        var user = HardeningFlags.ChooseUser(profile, inspection.Config);
        Secrets = await McpShim.Secrets.SecretResolver.ResolveAsync(profile, cancellationToken);
        // Secret files are rewritten in place for every session; the warm container keeps its mount of them.
        var extras = ContainerExtras.Prepare(profile, Secrets, user, warm.Name, keepFiles: true);
        await warm.EnsureRunningAsync(user, inspection.Id ?? image, extras.Mounts, cancellationToken);

        var command = profile.Command ?? [.. inspection.Config?.Entrypoint ?? [], .. inspection.Config?.Cmd ?? []];
        if (command.Count == 0)
        {
            throw new StartupException(
                $"image '{image}' has no entrypoint or command, and profile '{profile.Name}' gives no \"command\" to exec. " +
                "Add \"command\" to the profile.");
        }

        var env = HardeningFlags.Environment(profile, user, Secrets);
        env.Add(new(SessionMarker, session.Id));
        var arguments = new List<string> { "exec", "-i" };
        var (envFlags, viaCli) = HardeningFlags.EnvironmentFlags(env);
        arguments.AddRange(envFlags);
        if (!string.IsNullOrWhiteSpace(profile.Workdir))
            arguments.AddRange(["--workdir", profile.Workdir]);
        arguments.Add(warm.Name);
        arguments.AddRange(command);
        return ServerProcess.Start(cli.Executable, arguments, cli.EnvironmentWith(viaCli), detail => EngineProblems.NotFound(cli.Engine, detail), replaceEnvironment: true);
    }

    public async Task ForceStopAsync(ServerProcess process)
    {
        // Killing the docker CLI does not kill what it exec'd: find this session's processes by their marker.
        var script =
            $"for p in /proc/[0-9]*; do if tr '\\0' '\\n' < $p/environ 2>/dev/null | grep -qx '{SessionMarker}={session.Id}'; " +
            "then kill -TERM ${p#/proc/} 2>/dev/null; fi; done";
        await cli.RunAsync(["exec", warm.Name, "sh", "-c", script], TimeSpan.FromSeconds(10));
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(2)))
            process.Kill();
    }

    public Task CleanupAsync() => Task.CompletedTask;
}
