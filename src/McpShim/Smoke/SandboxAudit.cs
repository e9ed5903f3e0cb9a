using System.Diagnostics;
using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Sandbox;

namespace McpShim.Smoke;

/// <summary>
/// The hardening audit of a local profile (issue 16): the sandbox must be on and available, and from inside it, in
/// the server's own rules, <see cref="SandboxProbe"/> must find reading <c>~/.ssh</c>, writing outside the allowed
/// folders, opening TCP or Unix sockets and gaining privileges all refused. As for containers, this audits the
/// baseline: a profile that opts out with <c>"unsafe": ["unsandboxed"]</c> fails here on purpose.
/// </summary>
internal static class SandboxAudit
{
    private const string Phase = SmokePhase.Hardening;

    public static async Task RunAsync(ResolvedProfile profile, ProfileReport report, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!profile.Sandbox.Enabled)
        {
            report.Add(Phase, "sandbox on", CheckStatus.Fail, null,
                $"the profile runs its server on this host without the sandbox (\"unsafe\": [\"{UnsafeOptions.Unsandboxed}\"]): it can read and write whatever your user can");
            return;
        }

        var host = ShimPlatform.Current.Sandbox;
        var support = host.Support;
        if (support.Problem is { } problem)
        {
            report.Add(Phase, "sandbox on", CheckStatus.Fail, null, SandboxSession.Unavailable(profile, problem));
            return;
        }

        var abi = support.LandlockAbi > 0 ? $", Landlock ABI {support.LandlockAbi}" : string.Empty;
        report.Add(Phase, "sandbox on", CheckStatus.Pass, null, $"{support.Mechanism}{abi}, network {profile.Network}");
        if (!support.CanProbe || ShimExecutable.Path is not { } shim)
        {
            report.Add(Phase, "attacks from inside refused", CheckStatus.Skip, null, "the probe runs on Linux only, from mcpshim's own binary");
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var network = profile.Network == "none" ? "none" : profile.Sandbox.ConnectPorts.Count > 0 ? "ports" : "open";
        var session = new SandboxSession(profile, host, logger: null);
        try
        {
            using var probe = session.Start(profile.Env.ToList(), [shim, SandboxProbe.Role, ConfigPaths.Home, network]);
            probe.CloseInput();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(timeout);
            string output, stderr;
            try
            {
                var error = new StreamReader(probe.Error).ReadToEndAsync(wait.Token);
                output = await new StreamReader(probe.Output).ReadToEndAsync(wait.Token);
                stderr = await error;
                await probe.WaitForExitAsync(TimeSpan.FromSeconds(2));
            }
            finally
            {
                probe.Kill();
            }

            double? ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t', 3)).Where(f => f.Length == 3).ToList();
            if (lines.Count == 0)
            {
                report.Add(Phase, "attacks from inside refused", CheckStatus.Fail, ms,
                    $"the probe reported nothing (exit code {probe.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}; stderr: {stderr.Trim()})");
                return;
            }

            foreach (var fields in lines)
            {
                report.Add(Phase, fields[0], fields[1] == "pass" ? CheckStatus.Pass : CheckStatus.Fail, ms, fields[2]);
                ms = null;
            }
        }
        catch (StartupException ex)
        {
            report.Add(Phase, "attacks from inside refused", CheckStatus.Fail, null, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            report.Add(Phase, "attacks from inside refused", CheckStatus.Fail, null, $"the probe did not finish within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            session.End();
        }
    }
}
