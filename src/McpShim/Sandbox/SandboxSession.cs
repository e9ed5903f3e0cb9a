using McpShim.Containers;
using McpShim.Logging;
using McpShim.Platform;
using McpShim.Profiles;
using Microsoft.Extensions.Logging;

namespace McpShim.Sandbox;

/// <summary>
/// One sandboxed local session (issue 16): refuses loudly when the host cannot sandbox, makes the private scratch
/// folder, plans the rules, says once what is not enforced here, starts the launcher with the rules on its stdin,
/// and removes the scratch folder at the end.
/// </summary>
internal sealed class SandboxSession(ResolvedProfile profile, IHostSandbox host, ILogger? logger)
{
    private string? _scratch;

    public SandboxPlan? Plan { get; private set; }

    /// <summary>The host sandbox is not there: the error the client gets, naming what is missing and the ways out.</summary>
    public static string Unavailable(ResolvedProfile profile, string problem) =>
        $"profile '{profile.Name}' runs its server on this host in a sandbox (mode 'local'), but {problem}. " +
        $"Run it in a container instead (\"mode\": \"run\" with an image), or, if you accept that it can read and write " +
        $"everything your user can, add \"unsafe\": [\"{UnsafeOptions.Unsandboxed}\"] to the profile in {profile.Source}.";

    /// <param name="environment">What the server gets on top of mcpshim's environment (the profile's env and secrets).</param>
    /// <param name="probe">Instead of the server, run this command in the server's sandbox (<c>mcpshim test</c>'s probe).</param>
    /// <remarks>
    /// Where the launcher reads its rules on stdin (Linux), it is started before the rules are planned, and waits for
    /// them: its start and the planning overlap, which keeps the sandbox's cost to a session's start small. Until the
    /// rules arrive it runs nothing, so a plan that fails kills it before any server could start.
    /// </remarks>
    public ServerProcess Start(IReadOnlyList<KeyValuePair<string, string>> environment, IReadOnlyList<string>? probe = null)
    {
        var support = host.Support;
        if (support.Problem is { } problem)
            throw new StartupException(Unavailable(profile, problem));

        var command = probe ?? profile.Command!;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            _scratch = ScratchFolder.Create();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"profile '{profile.Name}': cannot make the sandbox's scratch folder in {Path.GetTempPath()} ({ex.Message}). Point TMPDIR at a folder you can write.", ex);
        }

        ServerProcess? process = null;
        byte[] rules;
        TimeSpan planned;
        try
        {
            if (host.LaunchBeforePlan(command, profile.Limits) is { } early)
                process = ServerProcess.Start(early.FileName, early.Arguments, [.. environment, .. SandboxPlanner.Environment(profile, _scratch)], LauncherMissing(early.FileName));
            Plan = SandboxPlanner.Plan(profile, _scratch, host.SystemPaths, Lookup(environment), probe);
            if (process is null)
            {
                var launch = host.Launch(Plan, command, profile.Limits);
                planned = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                rules = launch.StdinPrefix;
                process = ServerProcess.Start(launch.FileName, launch.Arguments, [.. environment, .. Plan.Environment], LauncherMissing(launch.FileName));
            }
            else
            {
                rules = host.Rules(Plan);
                planned = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            }
        }
        catch (SandboxException ex)
        {
            Abandon(process);
            throw new StartupException(
                $"profile '{profile.Name}': the sandbox cannot be set up: {ex.Message}. Fix the profile in {profile.Source}, or run it " +
                $"in a container (\"mode\": \"run\"), or without the sandbox (\"unsafe\": [\"{UnsafeOptions.Unsandboxed}\"]).", ex);
        }
        catch
        {
            Abandon(process);
            throw;
        }

        if (rules.Length > 0)
        {
            try
            {
                process.Input.Write(rules);
                process.Input.Flush();
            }
            catch (IOException)
            {
                // The launcher is already gone; its exit code and stderr say why.
            }
        }

        if (logger is not null)
        {
            if (host.Gaps(Plan, profile.Limits) is { Count: > 0 } gaps)
                Log.SandboxGaps(logger, profile.Name, string.Join("; ", gaps));
            Log.SandboxApplied(logger, profile.Name, support.Mechanism, support.LandlockAbi, Plan.Rules.Paths.Count, Plan.Rules.Network.ToString().ToLowerInvariant(),
                planned.TotalMilliseconds, _scratch);
        }

        return process;
    }

    /// <summary>
    /// Why the launcher (mcpshim-sandbox, mcpshim itself, systemd-run or sandbox-exec) did not start: the server's own
    /// command was already found while planning, so the error names the launcher, not the server.
    /// </summary>
    private Func<string, string> LauncherMissing(string launcher) => detail =>
        $"profile '{profile.Name}': cannot start the sandbox launcher '{launcher}' ({detail}). Install {ShimExecutable.LauncherName} from the same " +
        $"build beside mcpshim, or unset {ShimExecutable.LauncherEnv} if it names another; 'mcpshim doctor' checks the launcher.";

    /// <summary>A launcher started before a plan that then failed: it has run nothing yet, and never will.</summary>
    private static void Abandon(ServerProcess? launcher)
    {
        if (launcher is null)
            return;
        launcher.Kill();
        launcher.WaitForExitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        launcher.Dispose();
    }

    /// <summary>Removes the scratch folder once the server is gone.</summary>
    public void End()
    {
        if (_scratch is not null && ScratchFolder.Remove(_scratch) is { } problem && logger is not null)
            Log.SandboxScratchLeft(logger, profile.Name, _scratch, problem);
        _scratch = null;
    }

    /// <summary>The server's variables: the profile's (last one wins), else mcpshim's own.</summary>
    private static Func<string, string?> Lookup(IReadOnlyList<KeyValuePair<string, string>> environment) =>
        name => environment.LastOrDefault(e => e.Key == name) is { Key: not null } found ? found.Value : Environment.GetEnvironmentVariable(name);
}
