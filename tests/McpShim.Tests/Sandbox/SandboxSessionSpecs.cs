using System.Text.Json;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Sandbox;
using McpShim.Tests.Support;

namespace McpShim.Tests.Sandbox;

/// <summary>
/// Sessions of a sandboxed local profile against the real fake server: the launcher is mcpshim's own app host built
/// beside these tests, the sandbox this kernel's (the published binary's runs: IntegrationTests/SandboxSpecs).
/// </summary>
public sealed class SandboxSessionSpecs
{
    [HostSandboxFact(Timeout = 60_000)]
    public async Task I_can_talk_to_a_sandboxed_server_and_its_scratch_folder_is_gone_when_the_session_ends()
    {
        await using var harness = SessionHarness.ForFakeServer(p => p with { Sandbox = SandboxSettings.On });

        await harness.SendRequestAsync(1, "initialize", """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}""");
        var (initialized, _) = await harness.ReceiveResponseAsync(1);
        await harness.SendRequestAsync(2, "tools/call", """{"name":"echo","arguments":{"message":"from inside"}}""");
        var (echoed, _) = await harness.ReceiveResponseAsync(2);
        var scratch = harness.Logger.Lines.Select(l => l.Split("scratch ", 2)).Where(p => p.Length == 2).Select(p => p[1]).Single();
        var existedDuring = Directory.Exists(scratch);
        harness.CloseClientInput();
        await harness.WaitForExitAsync();

        Assert.Equal("fake-mcp-server", initialized.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal("from inside", echoed.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), ScratchFolder.Prefix), scratch, StringComparison.Ordinal);
        Assert.True(existedDuring);
        Assert.False(Directory.Exists(scratch));
        Assert.True(harness.AuditLines().Single(l => l.GetProperty("event").GetString() == "session.start").GetProperty("sandbox").GetBoolean());
    }

    [Fact(Timeout = 30_000)]
    public async Task On_a_host_without_the_sandbox_initialize_gets_an_error_naming_what_is_missing_and_the_ways_out()
    {
        var missing = new MissingSandbox("this kernel offers no Landlock (it needs Linux 5.13 or later built with CONFIG_SECURITY_LANDLOCK=y)");
        await using var harness = new SessionHarness(SandboxedProfile("fake", RepoPaths.FakeServer), missing);

        await harness.SendRequestAsync(1, "initialize", "{}");
        var (response, _) = await harness.ReceiveResponseAsync(1);
        var exit = await harness.WaitForExitAsync();

        var message = response.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("this kernel offers no Landlock", message, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"run\"", message, StringComparison.Ordinal);
        Assert.Contains("\"unsafe\": [\"unsandboxed\"] to the profile in /home/me/.config/mcpshim/profiles.json", message, StringComparison.Ordinal);
        Assert.Equal(69, exit);
        Assert.Equal(0, missing.Launches);
    }

    [HostSandboxFact(Timeout = 60_000)]
    public async Task A_plan_that_fails_after_the_launcher_started_kills_it_before_it_ran_anything()
    {
        using var folder = new TempFolder();
        var ran = folder.File("ran");
        // Stands in for the launcher, which is started before the plan and waits for its rules: it notes any it gets.
        var launcher = folder.File("launcher");
        File.WriteAllText(launcher, $"#!/bin/sh\n[ -n \"$(head -c 1)\" ] && touch '{ran}'\nexit 0\n");
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var host = HostWithLauncher(launcher);
        await using var harness = new SessionHarness(SandboxedProfile("gone", "/nonexistent/mcp-server"), host);

        await harness.SendRequestAsync(1, "initialize", "{}");
        var (response, _) = await harness.ReceiveResponseAsync(1);
        await harness.WaitForExitAsync();
        await Task.Delay(300);

        Assert.Contains("'/nonexistent/mcp-server' was not found", response.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(ran), "the launcher got rules for a plan that failed");
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc"), d => ReadCommandLine(d).Contains(launcher, StringComparison.Ordinal));
    }

    [HostSandboxFact(Timeout = 60_000)]
    public async Task A_launcher_that_cannot_start_is_named_with_the_fix_not_mistaken_for_the_server()
    {
        var host = HostWithLauncher("/nonexistent/mcpshim-sandbox");
        await using var harness = new SessionHarness(SandboxedProfile("fake", RepoPaths.FakeServer), host);

        await harness.SendRequestAsync(1, "initialize", "{}");
        var (response, _) = await harness.ReceiveResponseAsync(1);

        var message = response.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("cannot start the sandbox launcher '/nonexistent/mcpshim-sandbox'", message, StringComparison.Ordinal);
        Assert.Contains("unset MCPSHIM_SANDBOX_LAUNCHER", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Check \"command\"", message, StringComparison.Ordinal);
    }

    /// <summary>A local profile of <paramref name="command"/> with the host sandbox on (the default).</summary>
    private static ResolvedProfile SandboxedProfile(string name, string command) => new()
    {
        Name = name,
        Source = "/home/me/.config/mcpshim/profiles.json",
        Mode = ProfileMode.Local,
        Command = [command],
        AuditPath = "unset",
        Sandbox = SandboxSettings.On,
    };

    /// <summary>This machine's Linux sandbox, with MCPSHIM_SANDBOX_LAUNCHER naming <paramref name="launcher"/>.</summary>
    private static LinuxHostSandbox HostWithLauncher(string launcher) => new(
        new FakeHostEnvironment(new Dictionary<string, string> { [ShimExecutable.LauncherEnv] = launcher, ["PATH"] = "/usr/bin:/bin" }),
        McpShim.Sandbox.Linux.SyscallTable.For(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture),
        "this processor");

    private static string ReadCommandLine(string procEntry)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procEntry, "cmdline"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>A host that cannot sandbox: it must never be asked to launch anything.</summary>
    private sealed class MissingSandbox(string problem) : IHostSandbox
    {
        public int Launches { get; private set; }

        public SandboxSupport Support => new("Landlock + seccomp", problem);

        public IEnumerable<SandboxPath> SystemPaths(bool network) => [];

        public SandboxLaunch Launch(SandboxPlan plan, IReadOnlyList<string> command, ResolvedLimits limits)
        {
            Launches++;
            throw new InvalidOperationException("launched without a sandbox");
        }

        public SandboxLaunch? LaunchBeforePlan(IReadOnlyList<string> command, ResolvedLimits limits)
        {
            Launches++;
            throw new InvalidOperationException("launched without a sandbox");
        }

        public byte[] Rules(SandboxPlan plan) => [];

        public IReadOnlyList<string> Gaps(SandboxPlan plan, ResolvedLimits limits) => [];

        public IReadOnlyList<string> RefusedSystemCalls(SandboxNetwork network) => [];

        public int RunRole(string[] args) => 2;
    }
}
