using McpShim.ClientConfig;
using McpShim.Inspection;
using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Inspection;

/// <summary><c>mcpshim doctor</c> on MCP clients' files (issue 7): a bare or stale mcpshim command is reported with its fix.</summary>
public sealed class DoctorClientFilesSpecs : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _shellBin;

    public DoctorClientFilesSpecs()
    {
        _shellBin = _temp.File("bin");
        Directory.CreateDirectory(_shellBin);
        File.WriteAllText(Path.Combine(_shellBin, "mcpshim"), string.Empty);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_bare_mcpshim_that_only_the_shell_finds_is_a_warning_on_macOS_with_the_command_that_fixes_it()
    {
        var file = Write("cursor.json", """{ "mcpServers": { "everything": { "command": "mcpshim", "args": ["everything"] } } }""");

        var checks = Check(Mac(), new ClientFile(McpClient.Cursor, file));

        var check = Assert.Single(checks);
        Assert.Equal(CheckOutcome.Warn, check.Outcome);
        Assert.Equal("client cursor", check.Name);
        Assert.Equal(
            $"{file}: \"everything\" runs 'mcpshim' without a path: your shell finds {_shellBin}/mcpshim, but Cursor started from the Dock or Start menu gets PATH=/usr/bin:/bin:/usr/sbin:/sbin and will not",
            check.Detail);
        Assert.Equal($"mcpshim config cursor everything --write --file '{file}' (writes mcpshim's absolute path).", check.Fix);
    }

    [Fact]
    public void A_bare_mcpshim_found_nowhere_fails_and_one_on_the_GUI_PATH_passes()
    {
        var file = Write("vscode.json", """{ "servers": { "a": { "type": "stdio", "command": "mcpshim", "args": ["a"] } } }""");

        var nowhere = Check(Mac(shellPath: "/usr/bin"), new ClientFile(McpClient.VsCode, file));
        var onGuiPath = Check(Mac(guiHas: "/usr/bin/mcpshim"), new ClientFile(McpClient.VsCode, file));

        Assert.Equal(CheckOutcome.Fail, Assert.Single(nowhere).Outcome);
        Assert.Contains("neither on your PATH nor on the PATH GUI apps get", nowhere[0].Detail, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Ok, Assert.Single(onGuiPath).Outcome);
        Assert.Equal("1 client entry starts mcpshim by a path that exists", onGuiPath[0].Detail);
    }

    [Fact]
    public void Claude_Code_starts_from_a_terminal_so_a_bare_mcpshim_on_the_shell_PATH_is_fine()
    {
        var file = Write(".claude.json", """{ "projects": { "/src/app": { "mcpServers": { "p": { "command": "mcpshim", "args": ["p"] } } } } }""");

        var checks = Check(Mac(), new ClientFile(McpClient.ClaudeCode, file));

        Assert.Equal(CheckOutcome.Ok, Assert.Single(checks).Outcome);
    }

    [Fact]
    public void An_absolute_path_that_no_longer_exists_fails_and_other_servers_are_ignored()
    {
        var file = Write("claude.json", $$"""
            {
              // JSONC is read too
              "mcpServers": {
                "gone": { "command": "/opt/old/mcpshim", "args": ["gone"] },
                "here": { "command": "{{_shellBin}}/mcpshim", "args": ["here"] },
                "other": { "command": "npx", "args": ["x"] },
              },
            }
            """);

        var checks = Check(Linux(), new ClientFile(McpClient.ClaudeDesktop, file));

        var check = Assert.Single(checks);
        Assert.Equal(CheckOutcome.Fail, check.Outcome);
        Assert.Equal($"{file}: \"gone\" runs /opt/old/mcpshim, which does not exist (moved or upgraded?)", check.Detail);
    }

    [Fact]
    public void Missing_files_are_skipped_and_a_broken_one_is_a_warning()
    {
        var broken = Write("broken.json", "{ \"mcpServers\": ");

        var checks = Check(Linux(), new ClientFile(McpClient.Cursor, _temp.File("absent.json")), new ClientFile(McpClient.Cursor, broken));

        var check = Assert.Single(checks);
        Assert.Equal(CheckOutcome.Warn, check.Outcome);
        Assert.StartsWith($"{broken}: not valid JSON", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void No_client_file_at_all_is_one_passing_line()
    {
        var checks = Check(Linux(), new ClientFile(McpClient.Cursor, _temp.File("absent.json")));

        Assert.Equal(new DoctorCheck("clients", CheckOutcome.Ok, "no MCP client file here names mcpshim"), Assert.Single(checks));
    }

    [Fact]
    public void On_Windows_a_bare_mcpshim_is_found_as_mcpshim_exe_on_the_users_PATH_and_a_gone_absolute_path_fails()
    {
        var file = Write("claude_desktop_config.json", """
            { "mcpServers": { "bare": { "command": "mcpshim", "args": ["bare"] }, "gone": { "command": "C:\\old\\mcpshim.exe", "args": ["gone"] } } }
            """);
        var host = new FakeHostEnvironment(
            new Dictionary<string, string> { ["PATH"] = @"C:\Windows;C:\tools", ["USERPROFILE"] = @"C:\Users\ada" },
            [@"C:\tools\mcpshim.exe"]) { SeesRealFiles = true };

        var checks = DoctorChecks.CheckClientFiles([new ClientFile(McpClient.ClaudeDesktop, file)], new WindowsClientAppFolders(host), host);

        var check = Assert.Single(checks);
        Assert.Equal(CheckOutcome.Fail, check.Outcome);
        Assert.Equal($"{file}: \"gone\" runs C:\\old\\mcpshim.exe, which does not exist (moved or upgraded?)", check.Detail);
    }

    [Fact]
    public void Codex_and_Gemini_CLI_start_from_a_terminal_so_a_bare_mcpshim_on_the_shell_PATH_is_fine_in_their_files()
    {
        var codex = Write("config.toml", "[mcp_servers.a]\ncommand = \"mcpshim\"\nargs = [\"a\"]\n");
        var gemini = Write("settings.json", """{ "mcpServers": { "b": { "command": "mcpshim", "args": ["b"] } } }""");

        var checks = Check(Mac(), new ClientFile(McpClient.Codex, codex), new ClientFile(McpClient.Gemini, gemini));

        Assert.Equal(new DoctorCheck("clients", CheckOutcome.Ok, "2 client entries start mcpshim by a path that exists"), Assert.Single(checks));
    }

    [Fact]
    public void A_goose_extension_whose_path_has_gone_fails_and_a_bare_one_in_Zed_is_a_GUI_warning()
    {
        var goose = Write("config.yaml", "extensions:\n  developer:\n    type: builtin\n  gone:\n    type: stdio\n    cmd: /opt/old/mcpshim\n    args: [gone]\n");
        var zed = Write("zed.json", "// Zed settings\n{ \"context_servers\": { \"z\": { \"command\": \"mcpshim\", \"args\": [\"z\"] } } }");

        var checks = Check(Mac(), new ClientFile(McpClient.Goose, goose), new ClientFile(McpClient.Zed, zed));

        Assert.Equal(2, checks.Count);
        Assert.Equal(new DoctorCheck("client goose", CheckOutcome.Fail, $"{goose}: \"gone\" runs /opt/old/mcpshim, which does not exist (moved or upgraded?)", $"mcpshim config goose gone --write --file '{goose}' (writes mcpshim's absolute path)."), checks[0]);
        Assert.Equal("client zed", checks[1].Name);
        Assert.Equal(CheckOutcome.Warn, checks[1].Outcome);
        Assert.Contains("but Zed started from the Dock or Start menu gets PATH=", checks[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_TOML_or_YAML_client_file_is_a_warning_saying_where()
    {
        var toml = Write("config.toml", "[mcp_servers.a\n");
        var yaml = Write("config.yaml", "extensions:\n  a: [\n");

        var checks = Check(Linux(), new ClientFile(McpClient.Codex, toml), new ClientFile(McpClient.Goose, yaml));

        Assert.Equal([CheckOutcome.Warn, CheckOutcome.Warn], checks.Select(c => c.Outcome));
        Assert.StartsWith($"{toml}: not valid TOML at line 1", checks[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith($"{yaml}: not valid YAML at line", checks[1].Detail, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var file = _temp.File(name);
        File.WriteAllText(file, text);
        return file;
    }

    private static List<DoctorCheck> Check((IClientAppFolders Apps, IHostEnvironment Host) os, params ClientFile[] files) =>
        DoctorChecks.CheckClientFiles(files, os.Apps, os.Host);

    private (IClientAppFolders, IHostEnvironment) Mac(string? shellPath = null, string? guiHas = null)
    {
        var host = Host(shellPath, guiHas);
        return (new MacClientAppFolders(host), host);
    }

    private (IClientAppFolders, IHostEnvironment) Linux()
    {
        var host = Host(null, null);
        return (new LinuxClientAppFolders(host), host);
    }

    /// <summary>A host whose shell PATH holds the temp bin folder; files exist when they really do, or are <paramref name="guiHas"/>.</summary>
    private FakeHostEnvironment Host(string? shellPath, string? guiHas) =>
        new(new Dictionary<string, string> { ["PATH"] = shellPath ?? _shellBin + ":/usr/bin", ["HOME"] = _temp.Path }, guiHas is null ? [] : [guiHas]) { SeesRealFiles = true };
}
