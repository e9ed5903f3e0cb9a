using System.Diagnostics;
using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpShim.IntegrationTests;

/// <summary>
/// Issue 19: a profile's <c>runtime</c> puts its server under gVisor (runsc), a kernel of its own between the server
/// and the host's. Driven by the official TypeScript inspector, checked from the engine's side (inspect) and from the
/// server's (its kernel says gVisor); a runtime the engine lacks, or a network runsc cannot give, fails the session
/// with the fix; <c>mcpshim doctor</c> and <c>mcpshim test</c> say what runs where.
/// </summary>
public sealed class RuntimeSpecs
{
    [GvisorFact(NeedsInspector = true, Timeout = 240_000)]
    public async Task The_TypeScript_inspector_calls_the_everything_server_running_under_gVisor_in_run_and_exec_mode()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var run = sandbox.AddEverythingProfile("gvisor-run", configure: p => p["runtime"] = Gvisor.Runtime);
        var exec = sandbox.AddEverythingProfile("gvisor-exec", mode: "exec", configure: p => p["runtime"] = Gvisor.Runtime);

        foreach (var profile in new[] { run, exec })
        {
            var result = await InspectAsync(sandbox, profile, "--method", "tools/call", "--tool-name", "echo", "--tool-arg", "message=from under gVisor");

            Assert.True(result.Succeeded, result.ToString());
            using var answer = JsonDocument.Parse(result.Stdout[result.Stdout.IndexOf('{', StringComparison.Ordinal)..]);
            Assert.Equal("Echo: from under gVisor", answer.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        }

        // The exec-mode container stays: the engine ran it under runsc, and what runs in it sees gVisor's kernel.
        var warm = Assert.Single(await ShimSandbox.ContainersOfAsync(exec));
        var inspected = await Docker.InspectAsync(warm);
        Assert.Equal(Gvisor.Runtime, inspected.GetProperty("HostConfig").GetProperty("Runtime").GetString());
        Assert.Contains("gVisor", await Docker.RunCheckedAsync("exec", warm, "dmesg"), StringComparison.Ordinal);
        var calls = sandbox.Audit.ReadRecords().Where(r => r.GetProperty("event").GetString() == "tools/call").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal("ok", call.GetProperty("outcome").GetString()));
        Assert.Empty(await ShimSandbox.ContainersOfAsync(run));
    }

    [DockerFact(Timeout = 120_000)]
    public async Task A_runtime_the_engine_lacks_fails_initialize_naming_it_the_engine_s_runtimes_and_the_fix()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        // Through the Engine API (GET /info) in both modes, and through the CLI fallback (docker info --format).
        foreach (var (mode, via) in new[] { ("run", "api"), ("exec", "api"), ("run", "cli") })
        {
            var profile = sandbox.AddEverythingProfile($"no-runtime-{mode}-{via}", mode, p => p["runtime"] = "mcpshim-absent-runtime");

            var (error, elapsed, stderr) = await ConnectExpectingFailureAsync(sandbox, profile, new Dictionary<string, string?> { ["MCPSHIM_EXEC_VIA"] = via });

            Assert.True(error is McpException, $"expected an McpException, got {error}\nstderr:\n{stderr}");
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"initialize took {elapsed} to fail");
            Assert.Contains($"$.profiles.{profile}.runtime: the engine has no runtime 'mcpshim-absent-runtime' (its runtimes: ", error.Message, StringComparison.Ordinal);
            Assert.Contains("runc", error.Message, StringComparison.Ordinal);
            Assert.Contains("register 'mcpshim-absent-runtime' with the engine", error.Message, StringComparison.Ordinal);
            Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
        }
    }

    [GvisorFact(Timeout = 120_000)]
    public async Task A_network_under_a_runsc_registered_without_one_fails_the_session_saying_why_and_the_fix()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("gvisor-bridge", configure: p =>
        {
            p["runtime"] = Gvisor.Runtime;
            p["network"] = "bridge";
        });

        var (error, _, stderr) = await ConnectExpectingFailureAsync(sandbox, profile);

        Assert.True(error is McpException, $"expected an McpException, got {error}\nstderr:\n{stderr}");
        Assert.Contains("the engine runs 'runsc' with --platform=ptrace --network=none", error.Message, StringComparison.Ordinal);
        Assert.Contains("asks for \"network\": \"bridge\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix: set \"network\": \"none\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
    }

    [GvisorFact(Timeout = 180_000)]
    public async Task Doctor_lists_the_engine_s_runtimes_and_starts_a_container_under_runsc()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        sandbox.SetTopLevel("secretsFile", "secrets.env");
        var profile = sandbox.AddEverythingProfile("doctor-gvisor", configure: p => p["runtime"] = Gvisor.Runtime);
        var absent = sandbox.AddEverythingProfile("doctor-absent", configure: p => p["runtime"] = "mcpshim-absent-runtime");

        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], sandbox.Environment, timeout: TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"(?m)^ok +runtimes +.*\brunc\b.*, runsc", result.Stdout);
        Assert.Matches($@"(?m)^ok +runsc +works: a container of \S+ ran under gVisor in [0-9.]+ s \(its kernel: '[^']*gVisor[^']*'; used by {profile}\)$", result.Stdout);
        Assert.Matches($@"(?m)^FAIL +runtime +.*\$\.profiles\.{absent}\.runtime: the engine has no runtime 'mcpshim-absent-runtime'", result.Stdout);
    }

    [GvisorFact(Timeout = 240_000)]
    public async Task The_hardening_audit_reports_gVisor_from_inspect_and_from_inside_and_the_host_kernel_under_runc_and_critical_profiles_get_gVisor()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var gvisor = sandbox.AddEverythingProfile("audit-gvisor", configure: p => p["runtime"] = Gvisor.Runtime);
        var runc = sandbox.AddEverythingProfile("audit-runc");
        // A critical-risk profile that names no runtime gets the file's criticalRuntime.
        sandbox.SetTopLevel("criticalRuntime", Gvisor.Runtime);
        var critical = sandbox.AddEverythingProfile("audit-critical", configure: p => p["risk"] = "critical");

        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["test", gvisor, runc, critical], sandbox.Environment, timeout: TimeSpan.FromSeconds(200));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"(?m)^{gvisor} +hardening +runtime as the profile says +pass +- +runsc$", result.Stdout);
        Assert.Matches($@"(?m)^{gvisor} +hardening +kernel seen inside +pass +\d+ +gVisor \(dmesg: '[^']*gVisor[^']*'; /proc/version: 'Linux version ", result.Stdout);
        Assert.Matches($@"(?m)^{critical} +hardening +runtime as the profile says +pass +- +runsc$", result.Stdout);
        Assert.Matches($@"(?m)^{critical} +hardening +kernel seen inside +pass +\d+ +gVisor ", result.Stdout);
        Assert.Matches($@"(?m)^{runc} +hardening +runtime as the profile says +pass +- +runc \(the engine's default; the profile names none\)$", result.Stdout);
        Assert.Matches($@"(?m)^{runc} +hardening +kernel seen inside +pass +\d+ +the host's kernel \(/proc/version: 'Linux version ", result.Stdout);

        // The CLI fallback passes it as --runtime: the engine says so, and so does the kernel inside.
        var viaCli = await ProcessRunner.RunAsync(
            ShimBinary.Path, ["-v", "test", gvisor], sandbox.Environment.Append(new("MCPSHIM_EXEC_VIA", "cli")).ToDictionary(), timeout: TimeSpan.FromSeconds(120));
        Assert.True(viaCli.ExitCode == 0, viaCli.ToString());
        Assert.Contains("run via the docker CLI", viaCli.Stderr, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^{gvisor} +hardening +runtime as the profile says +pass +- +runsc$", viaCli.Stdout);
        Assert.Matches($@"(?m)^{gvisor} +hardening +kernel seen inside +pass +\d+ +gVisor ", viaCli.Stdout);
    }

    private static Task<CommandResult> InspectAsync(ShimSandbox sandbox, string profile, params string[] arguments)
    {
        var pass = sandbox.Environment.Where(e => e.Key.StartsWith("MCPSHIM_", StringComparison.Ordinal) && e.Value is not null)
            .SelectMany(e => new[] { "-e", $"{e.Key}={e.Value}" });
        return ProcessRunner.RunAsync(
            "node", [ThirdPartyClients.InspectorCli, .. pass, "--cli", ShimBinary.Path, profile, .. arguments],
            timeout: TimeSpan.FromSeconds(120),
            // Inspector CLI 1.0.3 looks for its own package.json as "../package.json" from the working directory.
            workingDirectory: Path.GetDirectoryName(ThirdPartyClients.InspectorCli));
    }

    private static async Task<(Exception Error, TimeSpan Elapsed, string Stderr)> ConnectExpectingFailureAsync(
        ShimSandbox sandbox, string profile, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var session = await sandbox.ConnectAsync(profile, new McpClientOptions { InitializationTimeout = TimeSpan.FromSeconds(30) }, stderr, environment: environment);
        });
        return (error, clock.Elapsed, string.Join('\n', stderr));
    }
}
