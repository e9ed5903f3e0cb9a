using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary><c>mode: local</c>: the command runs on the host, still relayed and audited.</summary>
internal sealed class LocalLauncher(ResolvedProfile profile) : IServerLauncher
{
    public string? ImageRef => null;

    public string? ContainerName => null;

    public IReadOnlyList<Secrets.SecretValue> Secrets { get; private set; } = [];

    public async Task<ServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var command = profile.Command!;
        // No container here: secrets can only travel in the environment, whatever "secretsAs" says.
        Secrets = await McpShim.Secrets.SecretResolver.ResolveAsync(profile, cancellationToken);
        var env = profile.Env.Concat(Secrets.Select(s => new KeyValuePair<string, string>(s.Name, s.Value)));
        return ServerProcess.Start(
            command[0],
            command.Skip(1),
            env,
            detail => $"cannot start '{command[0]}' for profile '{profile.Name}' ({detail}). Check \"command\" in " +
                      $"{profile.Source}: use an absolute path, or a program on PATH.");
    }

    public async Task ForceStopAsync(ServerProcess process)
    {
        process.Terminate();
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(1)))
            process.Kill();
    }

    public Task CleanupAsync() => Task.CompletedTask;
}
