using McpShim.Cli;
using McpShim.Containers;
using McpShim.Inspection;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Cli;

[Collection(EnvironmentDependentTests.Name)]
public sealed class ShowCommandSpecs : IDisposable
{
    private const string PlantedSecret = "planted-s3cret-value-7f3a";

    private static readonly SessionInfo Owner = new("unused", "alice", "1000", "devbox", 4242, "stamp");

    private static readonly FakeHostEnvironment Host = new(new Dictionary<string, string>
    {
        ["HOME"] = "/home/alice",
        ["DOCKER_HOST"] = "unix:///run/user/1000/docker.sock",
        ["PATH"] = "/usr/bin",
    });

    private readonly TempFolder _temp = new();
    private readonly string? _engineBefore = Environment.GetEnvironmentVariable(EngineLocator.EngineEnv);
    private readonly string? _auditBefore = Environment.GetEnvironmentVariable(ConfigPaths.AuditEnv);

    public ShowCommandSpecs()
    {
        Environment.SetEnvironmentVariable(EngineLocator.EngineEnv, null);
        Environment.SetEnvironmentVariable(ConfigPaths.AuditEnv, null);
        Directory.CreateDirectory(_temp.File("project"));
        Directory.CreateDirectory(_temp.File("runtime"));
        Directory.CreateDirectory(_temp.File("local-project"));
        File.WriteAllText(_temp.File("local-project/.mcpignore"), ".env\n");
        File.WriteAllText(_temp.File("local-project/.env"), "TOKEN=x");
        File.WriteAllText(_temp.File("local-project/readme.md"), "hi");
        File.WriteAllText(_temp.File("profiles.json"), $$"""
            {
              "audit": { "path": "audit.jsonl" },
              "allowedRoots": ["."],
              "secretsFile": "secrets/secrets.env",
              "profiles": {
                "github": {
                  "image": "ghcr.io/example/github-mcp:1.2",
                  "env": { "LOG_LEVEL": "debug" },
                  "secrets": ["GITHUB_TOKEN", { "name": "NPM_TOKEN", "from": "cmd:touch {{_temp.File("secret-command-ran")}}" }],
                  "volumes": [ { "host": "project", "container": "/workspace" } ],
                  "limits": { "memory": "256m" },
                  "network": "bridge"
                },
                "local-tool": { "mode": "local", "command": ["node", "server.js"], "env": { "LOG_LEVEL": "debug" }, "secrets": ["TOOL_TOKEN"] },
                "sandboxed-tool": { "mode": "local", "command": ["{{RepoPaths.FakeServer}}"], "volumes": [ { "host": "local-project", "readOnly": false } ], "hostReadable": ["runtime"] },
                "memory": {
                  "image": "mcpshim/memory:latest",
                  "mode": "exec",
                  "engine": "/nonexistent/bin/docker",
                  "secrets": ["API_KEY"],
                  "secretsAs": "files",
                  "volumes": [ { "volume": "mcpshim-memory", "container": "/data", "readOnly": false } ]
                }
              }
            }
            """);
        Directory.CreateDirectory(_temp.File("secrets"));
        File.WriteAllText(_temp.File("secrets/secrets.env"), $"GITHUB_TOKEN={PlantedSecret}\nAPI_KEY={PlantedSecret}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_temp.File("secrets/secrets.env"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(EngineLocator.EngineEnv, _engineBefore);
        Environment.SetEnvironmentVariable(ConfigPaths.AuditEnv, _auditBefore);
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", null);
        _temp.Dispose();
    }

    [Fact]
    public void I_can_see_a_run_profile_with_the_origin_of_each_value_and_the_exact_engine_command()
    {
        Environment.SetEnvironmentVariable(EngineLocator.EngineEnv, "podman");
        var image = new ImageInspection { Id = "sha256:0123", Config = new ImageConfig { User = "node", Entrypoint = ["node"], Cmd = ["server.js"] } };

        var output = Render("github", image, imageProblem: null, json: false);

        Snapshot.Match(output, "run");
    }

    [Fact]
    public void I_can_see_an_exec_profile_as_json_when_its_image_cannot_be_inspected()
    {
        var output = Render("memory", image: null, imageProblem: "'/nonexistent/bin/docker' was not found.", json: true);

        Snapshot.Match(output, "exec-json");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Show_names_secrets_but_never_reads_or_prints_their_values(bool json)
    {
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", PlantedSecret);
        foreach (var profile in new[] { "github", "memory" })
        {
            var output = new StringWriter();
            var error = new StringWriter();

            var exit = await ShowCommand.RunAsync(profile, json, _temp.File("profiles.json"), output, error, CancellationToken.None);

            Assert.Equal(0, exit);
            Assert.DoesNotContain(PlantedSecret, output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(PlantedSecret, error.ToString(), StringComparison.Ordinal);
            Assert.Contains(profile == "github" ? "NPM_TOKEN" : "API_KEY", output.ToString(), StringComparison.Ordinal);
        }

        Assert.False(File.Exists(_temp.File("secret-command-ran")), "show ran a secret's \"from\" command");
    }

    [Fact]
    public void A_local_profile_shows_its_host_command_and_what_it_adds_to_your_environment()
    {
        var output = Render("local-tool", image: null, imageProblem: null, json: false);

        Assert.Contains("command (run the server on this host, sandboxed", output, StringComparison.Ordinal);
        Assert.Contains("sandbox: ", output, StringComparison.Ordinal);
        Assert.Contains("server variables, added to your environment (names): LOG_LEVEL, TOOL_TOKEN", output, StringComparison.Ordinal);
        Assert.DoesNotContain("engine CLI environment", output, StringComparison.Ordinal);
    }

    [HostSandboxFact]
    public void A_local_profile_shows_the_sandbox_rules_a_session_would_apply_and_what_is_hidden()
    {
        var output = Render("sandboxed-tool", image: null, imageProblem: null, json: false);
        var json = System.Text.Json.JsonDocument.Parse(Render("sandboxed-tool", image: null, imageProblem: null, json: true)).RootElement.GetProperty("sandbox");

        Assert.Matches(@"(?m)^sandbox: Landlock \+ seccomp \(Landlock ABI \d+\)$", output);
        Assert.Matches(@"(?m)^  read\+execute +/usr +system$", output);
        Assert.Matches(@"(?m)^  list +<dir>/local-project +volume \(holds ignored entries\)$", output);
        Assert.Matches(@"(?m)^  read\+write +<dir>/local-project/readme.md +volume$", output);
        Assert.Matches(@"(?m)^  read\+execute +<dir>/runtime +hostReadable$", output);
        Assert.Matches(@"(?m)^  read\+write +<session scratch folder> +scratch ", output);
        Assert.Contains("  hidden by .mcpignore: <dir>/local-project/.env\n", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^  \S+ +<dir>/local-project/.env ", output);
        Assert.Contains("  network: none: no sockets (socketpair only)", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  system calls refused: .*\bptrace\b", output);
        Assert.Matches(@"(?m)^  \S*mcpshim __sandbox-exec -- \S*fake-mcp-server$", output);
        Assert.Contains(json.GetProperty("rules").EnumerateArray(), r => r.GetProperty("access").GetString() == "list" && r.GetProperty("path").GetString() == "<dir>/local-project");
        Assert.Equal(["<dir>/local-project/.env"], json.GetProperty("hidden").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task A_value_outside_a_field_s_grammar_is_reported_with_its_JSON_path_and_fix()
    {
        File.WriteAllText(_temp.File("bad.json"), """{"profiles": {"bad": {"image": "i:1", "volumes": [{"volume": "v", "container": "/w,source=/etc"}]}}}""");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await ShowCommand.RunAsync("bad", json: false, _temp.File("bad.json"), output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Config, exit);
        Assert.Contains("$.profiles.bad.volumes[0].container: '/w,source=/etc' holds a ','", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_folder_the_CLI_cannot_carry_is_shown_with_a_warning_not_a_crash()
    {
        Directory.CreateDirectory(_temp.File("a,b"));
        File.WriteAllText(_temp.File("comma.json"), """{"allowedRoots": ["."], "profiles": {"comma": {"image": "i:1", "volumes": [{"host": "a,b", "container": "/w"}]}}}""");
        var catalog = ProfileCatalog.Load(_temp.File("comma.json"));

        var report = ProfileReporter.Build(catalog, ProfileResolver.Resolve(catalog, "comma"), null, "not inspected", Owner, Host);

        Assert.Contains("<flags the CLI cannot carry: see the warning below>", report.Commands.Single().Arguments);
        Assert.Contains(report.Warnings, w => w.Contains("volumes[0]: '", StringComparison.Ordinal) && w.Contains("holds a ','", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_profile_is_a_config_error_naming_the_known_ones()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await ShowCommand.RunAsync("nope", json: false, _temp.File("profiles.json"), output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Config, exit);
        Assert.Equal(string.Empty, output.ToString());
        Assert.Contains("profile 'nope' not found", error.ToString(), StringComparison.Ordinal);
    }

    private string Render(string name, ImageInspection? image, string? imageProblem, bool json)
    {
        var catalog = ProfileCatalog.Load(_temp.File("profiles.json"));
        var report = ProfileReporter.Build(catalog, ProfileResolver.Resolve(catalog, name), image, imageProblem, Owner, Host);
        var output = new StringWriter();
        if (json)
            ProfileReportJson.Write(report, output);
        else
            ProfileReportText.Write(report, output);
        var realTemp = RealPath.Of(_temp.Path) ?? _temp.Path;
        return output.ToString().ReplaceLineEndings("\n").Replace(realTemp, "<dir>", StringComparison.Ordinal).Replace(_temp.Path, "<dir>", StringComparison.Ordinal);
    }
}
