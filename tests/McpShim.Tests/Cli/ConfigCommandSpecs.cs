using System.Text.Json;
using McpShim.Cli;
using McpShim.Platform;
using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Cli;

/// <summary><c>mcpshim config</c> from its parsed arguments: which entries, which file, which errors.</summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class ConfigCommandSpecs : IDisposable
{
    private static readonly string[] CommandNames = ["run", "list", "status", "config"];

    private readonly TempFolder _temp = new();
    private readonly string _shim;
    private readonly string _profiles;
    private readonly string? _configBefore = Environment.GetEnvironmentVariable(ConfigPaths.ConfigEnv);

    public ConfigCommandSpecs()
    {
        Environment.SetEnvironmentVariable(ConfigPaths.ConfigEnv, null);
        _shim = _temp.File("mcpshim");
        File.WriteAllText(_shim, string.Empty);
        _profiles = _temp.File("profiles.json");
        File.WriteAllText(_profiles, """{ "profiles": { "status": { "image": "example/status:1" }, "github": { "image": "example/github:1" } } }""");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_profiles, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ConfigPaths.ConfigEnv, _configBefore);
        _temp.Dispose();
    }

    [Fact]
    public void I_can_print_the_entries_with_the_absolute_path_and_the_profiles_file_a_GUI_client_would_not_find()
    {
        var (exit, stdout, stderr) = Run(Request("cursor", ["github", "status"]));

        Assert.Equal(0, exit);
        Snapshot.Match(stdout.Replace(_temp.Path, "<dir>", StringComparison.Ordinal), "print");
        Assert.Contains("paste this into", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_profiles_every_profile_is_written()
    {
        var (exit, stdout, _) = Run(Request("vscode", []));

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(stdout);
        var names = document.RootElement.GetProperty("servers").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(ProfileCatalog.Load(_profiles).Entries.Keys, names);
        Assert.Contains("github", names);
    }

    [Fact]
    public void I_can_write_into_a_file_given_with_file()
    {
        var file = _temp.File("cursor/mcp.json");

        var (exit, stdout, stderr) = Run(Request("cursor", ["github"]) with { Write = true, File = file });

        Assert.True(exit == 0, stderr);
        Assert.Contains("added github (new file)", stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(_shim, document.RootElement.GetProperty("mcpServers").GetProperty("github").GetProperty("command").GetString());
    }

    [Theory]
    [InlineData("nope", null, 2, "unknown client 'nope' (known: claude-desktop, claude-code, cursor, vscode, codex, gemini, windsurf, zed, cline, goose)")]
    [InlineData("claude-desktop", null, 2, "Claude Desktop has no project file; drop --project")]
    [InlineData("codex", null, 2, "Codex has no project file; drop --project")]
    [InlineData("cursor", "mcpshim", 2, "--command 'mcpshim' is not an absolute path")]
    [InlineData("cursor", "/nonexistent/mcpshim", 2, "--command '/nonexistent/mcpshim' does not exist.")]
    public void A_command_line_that_cannot_work_is_a_usage_error(string client, string? command, int expectedExit, string message)
    {
        var request = Request(client, ["github"]) with { Project = client is "claude-desktop" or "codex", Command = command ?? _shim };

        var (exit, stdout, stderr) = Run(request);

        Assert.Equal(expectedExit, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("codex", "[mcp_servers.github]\ncommand = \"<shim>\"\nargs = [\"github\", \"--config\", \"<profiles>\"]\n")]
    [InlineData("goose", "extensions:\n  github:\n    type: stdio\n    name: github\n    enabled: true\n    cmd: \"<shim>\"\n    args: [\"github\", \"--config\", \"<profiles>\"]\n    envs: {}\n    timeout: 300\n")]
    [InlineData("zed", "{\n  \"context_servers\": {\n    \"github\": {\n      \"command\": \"<shim>\",\n      \"args\": [\"github\", \"--config\", \"<profiles>\"]\n    }\n  }\n}\n")]
    public void I_can_print_the_entries_in_each_clients_own_language(string client, string expected)
    {
        var (exit, stdout, _) = Run(Request(client, ["github"]));

        Assert.Equal(0, exit);
        Assert.Equal(expected.Replace("<shim>", _shim, StringComparison.Ordinal).Replace("<profiles>", _profiles, StringComparison.Ordinal), stdout);
    }

    [Fact]
    public void An_unknown_profile_is_a_config_error_naming_the_known_ones()
    {
        var (exit, _, stderr) = Run(Request("cursor", ["nope"]));

        Assert.Equal(ExitCodes.Config, exit);
        Assert.Contains("profile 'nope' not found", stderr, StringComparison.Ordinal);
        Assert.Contains("github", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_mcpshim_will_not_edit_fails_with_its_reason_and_stays_as_it_was()
    {
        var file = _temp.File("mcp.json");
        File.WriteAllText(file, "[1, 2]");

        var (exit, _, stderr) = Run(Request("cursor", ["github"]) with { Write = true, File = file });

        Assert.Equal(1, exit);
        Assert.Contains("the file holds a JSON array, not an object", stderr, StringComparison.Ordinal);
        Assert.Equal("[1, 2]", File.ReadAllText(file));
    }

    [Fact]
    public void A_broken_TOML_file_fails_saying_where_and_stays_as_it_was()
    {
        var file = _temp.File("config.toml");
        File.WriteAllText(file, "model = \"o3\"\n[mcp_servers.github\n");

        var (exit, _, stderr) = Run(Request("codex", ["github"]) with { Write = true, File = file });

        Assert.Equal(1, exit);
        Assert.True(stderr.Contains($"{file}: not valid TOML at line 2, column", StringComparison.Ordinal), stderr);
        Assert.Equal("model = \"o3\"\n[mcp_servers.github\n", File.ReadAllText(file));
        Assert.Empty(Directory.GetFiles(_temp.Path, "config.toml.mcpshim-backup-*"));
    }

    private ConfigRequest Request(string client, string[] profiles) =>
        new(client, profiles, false, false, null, false, _shim, _profiles, CommandNames);

    private static (int Exit, string Stdout, string Stderr) Run(ConfigRequest request)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ConfigCommand.Run(request, ShimPlatform.Current.ClientApps, DateTimeOffset.UnixEpoch, output, error);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }
}
