using McpShim.Profiles;
using McpShim.Sandbox;
using Microsoft.Extensions.Logging;

namespace McpShim.Containers;

/// <summary>
/// <c>mode: local</c>: the command runs on the host, still relayed and audited, and sandboxed unless the profile says
/// <c>"unsafe": ["unsandboxed"]</c> (issue 16, <see cref="SandboxSession"/>).
/// </summary>
internal sealed class LocalLauncher(ResolvedProfile profile, ILogger? logger = null, Platform.IHostSandbox? sandbox = null) : IServerLauncher
{
    private SandboxSession? _sandbox;

    public string? ImageRef => null;

    public string? ContainerName => null;

    public IReadOnlyList<Secrets.SecretValue> Secrets { get; private set; } = [];

    public async Task<ServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var command = profile.Command!;
        // No container here: secrets can only travel in the environment, whatever "secretsAs" says.
        Secrets = await McpShim.Secrets.SecretResolver.ResolveAsync(profile, cancellationToken);
        var env = profile.Env.Concat(Secrets.Select(s => new KeyValuePair<string, string>(s.Name, s.Value))).ToList();
        if (!profile.Sandbox.Enabled)
        {
            return ServerProcess.Start(command[0], command.Skip(1), env, detail =>
                $"cannot start '{command[0]}' for profile '{profile.Name}' ({detail}). Check \"command\" in {profile.Source}: use an absolute path, or a program on PATH.");
        }

        // Sandboxed, the command is looked up while the rules are planned, and a missing one is named there.
        _sandbox = new SandboxSession(profile, sandbox ?? Platform.ShimPlatform.Current.Sandbox, logger);
        return _sandbox.Start(env);
    }

    public async Task ForceStopAsync(ServerProcess process)
    {
        process.Terminate();
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(1)))
            process.Kill();
    }

    public Task CleanupAsync()
    {
        _sandbox?.End();
        return Task.CompletedTask;
    }
}
