using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>
/// The exec-mode container <c>mcpshim-PROFILE-USER</c>: hardened like a run-mode one, its main process a keep-alive
/// (<c>sleep infinity</c>). Two sessions starting it at the same moment both succeed: one creates it, the other sees
/// the name conflict and waits for it to run.
/// </summary>
internal sealed class WarmContainer(ResolvedProfile profile, SessionInfo session, EngineCli cli)
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(20);

    public string Name { get; } = ContainerLabels.WarmContainerName(profile, session);

    public async Task EnsureRunningAsync(string user, CancellationToken cancellationToken)
    {
        var state = await StateAsync(cancellationToken);
        if (state == State.Running)
            return;
        if (state == State.Missing)
        {
            var arguments = new List<string> { "run" };
            arguments.AddRange(HardeningFlags.For(profile, session, Name, user, warm: true));
            arguments.AddRange(["--entrypoint", "sleep", profile.Image!, "infinity"]);
            var created = await cli.RunAsync(arguments, cancellationToken: cancellationToken);
            if (created.Succeeded)
                return;
            if (!created.Stderr.Contains("already in use", StringComparison.OrdinalIgnoreCase) &&
                !created.Stderr.Contains("Conflict", StringComparison.OrdinalIgnoreCase))
            {
                throw new StartupException(
                    $"could not start the warm container '{Name}': " + EngineProblems.Explain(cli.Engine, "run", created, profile.Image));
            }
        }

        // Another session created it, or it was stopped: start it (idempotent) and wait until it runs.
        var deadline = DateTime.UtcNow + StartWait;
        while (DateTime.UtcNow < deadline)
        {
            state = await StateAsync(cancellationToken);
            if (state == State.Running)
                return;
            if (state == State.Stopped)
                await cli.RunAsync(["start", Name], cancellationToken: cancellationToken);
            await Task.Delay(100, cancellationToken);
        }

        throw new StartupException(
            $"the warm container '{Name}' did not start within {StartWait.TotalSeconds:0} s. " +
            $"See '{cli.Engine} logs {Name}'; remove it with '{cli.Engine} rm -f {Name}' to have it recreated.");
    }

    private async Task<State> StateAsync(CancellationToken cancellationToken)
    {
        var result = await cli.RunAsync(["container", "inspect", "--format", "{{.State.Running}}", Name], cancellationToken: cancellationToken);
        if (result.Succeeded)
            return result.Stdout.Trim() == "true" ? State.Running : State.Stopped;
        if (result.Stderr.Contains("No such", StringComparison.OrdinalIgnoreCase) || result.Stderr.Contains("no container", StringComparison.OrdinalIgnoreCase))
            return State.Missing;
        throw new StartupException(EngineProblems.Explain(cli.Engine, "container inspect", result, null));
    }

    private enum State
    {
        Missing,
        Stopped,
        Running,
    }
}
