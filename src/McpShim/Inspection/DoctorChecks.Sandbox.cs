using System.Globalization;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Sandbox;

namespace McpShim.Inspection;

/// <summary>
/// The host sandbox of mode local (issue 16): what the kernel offers (Landlock ABI, seccomp), whether a systemd user
/// scope can hold the limits, and which local profiles run without the sandbox.
/// </summary>
internal static partial class DoctorChecks
{
    private static readonly TimeSpan ScopeTimeout = TimeSpan.FromSeconds(10);

    private static async Task<IEnumerable<DoctorCheck>> CheckSandboxAsync(IReadOnlyList<ResolvedProfile> profiles, IHostSandbox sandbox, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var local = profiles.Where(p => p.Mode == ProfileMode.Local).ToList();
        var sandboxed = local.Where(p => p.Sandbox.Enabled).Select(p => p.Name).ToList();
        var uses = sandboxed.Count == 0 ? "no profile uses it now" : "used by " + string.Join(", ", sandboxed);
        var support = sandbox.Support;
        if (support.Problem is { } problem)
        {
            checks.Add(new("sandbox", sandboxed.Count > 0 ? CheckOutcome.Fail : CheckOutcome.Warn,
                $"local profiles cannot run sandboxed here: {problem} ({uses})",
                $"use a kernel with Landlock, or run those profiles in a container (\"mode\": \"run\"), or add \"unsafe\": [\"{UnsafeOptions.Unsandboxed}\"] to them."));
        }
        else if (support.LandlockAbi > 0)
        {
            var gaps = new List<string>();
            if (support.LandlockAbi < 6)
                gaps.Add("signals to your other processes are not scoped (ABI 6)");
            if (support.LandlockAbi < 5)
                gaps.Add("device ioctls are not restricted (ABI 5)");
            if (support.LandlockAbi < 4)
                gaps.Add("TCP is denied by seccomp alone and \"connectPorts\" is unavailable (ABI 4)");
            var detail = $"Landlock ABI {support.LandlockAbi.ToString(CultureInfo.InvariantCulture)} and seccomp filters: local profiles run sandboxed ({uses})";
            checks.Add(gaps.Count == 0
                ? new("sandbox", CheckOutcome.Ok, detail)
                : new("sandbox", CheckOutcome.Warn, detail + "; but " + string.Join("; ", gaps), "a newer kernel (Linux 6.12 or later has ABI 6)."));
            checks.Add(await CheckUserScopeAsync(cancellationToken));
            checks.Add(await CheckLauncherAsync(cancellationToken)); // a Landlock ABI: Linux, where the launcher is
        }
        else
        {
            checks.Add(new("sandbox", CheckOutcome.Ok, $"{support.Mechanism}: local profiles run sandboxed ({uses}); limits are not enforced"));
        }

        var unsandboxed = local.Where(p => !p.Sandbox.Enabled).Select(p => p.Name).ToList();
        if (unsandboxed.Count > 0)
        {
            checks.Add(new("sandbox", CheckOutcome.Warn,
                $"{string.Join(", ", unsandboxed)} run(s) on this host without the sandbox (\"unsafe\": [\"{UnsafeOptions.Unsandboxed}\"]): such a server can read and write whatever your user can",
                "remove the word to sandbox it, or run it in a container."));
        }

        return checks;
    }

    /// <summary>
    /// Which launcher starts sandboxed servers: <c>mcpshim-sandbox</c> beside mcpshim, from this build, or mcpshim itself
    /// (slower). A launcher is asked to read rules that hold only this build's format: this build's refuses them as not
    /// valid, another build's as not its format, which is the one a session would fail on.
    /// </summary>
    private static async Task<DoctorCheck> CheckLauncherAsync(CancellationToken cancellationToken)
    {
        const string name = "sandbox launcher";
        var fix = $"install {ShimExecutable.LauncherName} from the same build beside mcpshim ('./build.sh publish' puts both in artifacts/bin).";
        var launcher = ShimExecutable.Launcher(Environment.GetEnvironmentVariable);
        if (launcher is null)
            return new(name, CheckOutcome.Fail, "mcpshim cannot find its own executable, so no sandboxed server can start", fix);
        if (launcher == ShimExecutable.Path)
        {
            return Environment.GetEnvironmentVariable(ShimExecutable.LauncherEnv) == "self"
                ? new(name, CheckOutcome.Ok, $"mcpshim itself ({ShimExecutable.LauncherEnv}=self)")
                : new(name, CheckOutcome.Warn, $"no {ShimExecutable.LauncherName} beside {launcher}: sandboxed servers start through mcpshim itself, about 15 ms slower each", fix);
        }

        byte[] format = [.. System.Text.Encoding.ASCII.GetBytes(Sandbox.Linux.SandboxProgramChannel.Format), 0];
        try
        {
            var command = ShortCommand.Create(launcher, [Sandbox.Linux.SandboxExec.Role, "--", "/nonexistent"])
                .WithStandardInputPipe(CliWrap.PipeSource.FromBytes([.. BitConverter.GetBytes(format.Length), .. format]));
            var result = await ShortCommand.RunAsync(command, ScopeTimeout, cancellationToken);
            if (result is null)
                return new(name, CheckOutcome.Fail, $"{launcher} did not answer within {ScopeTimeout.TotalSeconds:0} s", fix);
            return result.StandardError.Contains("the rules on stdin are not valid", StringComparison.Ordinal)
                ? new(name, CheckOutcome.Ok, $"{launcher}, from this build")
                : new(name, CheckOutcome.Fail, $"{launcher} cannot run this build's rules: {result.StandardError.Trim()}", fix);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new(name, CheckOutcome.Fail, $"{launcher} could not be started: {ShortCommand.Reason(ex)}", fix);
        }
    }

    /// <summary>Actually starts an empty scope: a user manager can be there and still refuse transient units.</summary>
    private static async Task<DoctorCheck> CheckUserScopeAsync(CancellationToken cancellationToken)
    {
        const string name = "sandbox limits";
        const string fix = "run mcpshim inside a systemd user session (log in normally, or 'loginctl enable-linger USER'); otherwise use a container mode for hard limits.";
        var (systemdRun, problem) = UserScope.Detect(Environment.GetEnvironmentVariable);
        if (systemdRun is null)
            return new(name, CheckOutcome.Warn, $"systemd-run --user cannot be used ({problem}): local profiles' memory is limited per process only (RLIMIT_DATA), cpus and pids not at all", fix);
        try
        {
            var result = await ShortCommand.RunAsync(
                ShortCommand.Create(systemdRun, ["--user", "--scope", "--quiet", "--collect", "true"]), ScopeTimeout, cancellationToken);
            if (result is null)
                return new(name, CheckOutcome.Warn, $"systemd-run --user --scope did not answer within {ScopeTimeout.TotalSeconds:0} s", fix);
            return result.ExitCode == 0
                ? new(name, CheckOutcome.Ok, "systemd-run --user --scope works: local profiles' memory, cpus and pids limits hold for the server and its children")
                : new(name, CheckOutcome.Warn, $"systemd-run --user --scope failed ({result.StandardError.Trim()}): sandboxed sessions would fail to start; memory, cpus and pids limits need it", fix);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new(name, CheckOutcome.Warn, $"systemd-run could not be started: {ex.Message}", fix);
        }
    }
}
