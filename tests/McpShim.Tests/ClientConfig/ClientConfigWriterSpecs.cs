using McpShim.ClientConfig;
using McpShim.Tests.Support;

namespace McpShim.Tests.ClientConfig;

/// <summary><c>mcpshim config CLIENT --write</c> on a real file: backup, dry-run diff, idempotence, permissions.</summary>
public sealed class ClientConfigWriterSpecs : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void I_can_write_the_entries_after_a_timestamped_backup_of_the_file()
    {
        var file = CopySample("cursor.json", "mcp.json");
        var original = File.ReadAllBytes(file);
        var output = new StringWriter();

        ClientConfigWriter.Apply(McpClient.Cursor, file, ClientSamples.Entries, dryRun: false, createFolder: false, Now, output);

        var backup = file + ".mcpshim-backup-20250314T150926Z";
        Assert.Equal(original, File.ReadAllBytes(backup));
        Assert.Equal(ServersMerge.Merge(ClientSamples.Text("cursor.json"), McpClient.Cursor, ClientSamples.Entries, file).Text, File.ReadAllText(file));
        Assert.Equal($"{file}: added everything, filesystem (backup: {backup}). Restart Cursor to pick it up.\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_second_write_says_no_change_and_writes_neither_the_file_nor_a_backup()
    {
        var file = CopySample("vscode.json", "mcp.json");
        ClientConfigWriter.Apply(McpClient.VsCode, file, ClientSamples.Entries, false, false, Now, TextWriter.Null);
        var written = File.GetLastWriteTimeUtc(file);
        var output = new StringWriter();

        var second = ClientConfigWriter.Apply(McpClient.VsCode, file, ClientSamples.Entries, false, false, Now.AddMinutes(1), output);

        Assert.False(second.Changed);
        Assert.Single(Directory.GetFiles(_temp.Path, "mcp.json.mcpshim-backup-*"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.Equal($"{file}: no change (everything, filesystem already run {ClientSamples.Shim}).\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("codex", "codex.toml", "config.toml", "+command = \"/opt/mcpshim/bin/mcpshim\"")]
    [InlineData("goose", "goose.yaml", "config.yaml", "+    cmd: \"/opt/mcpshim/bin/mcpshim\"")]
    public void TOML_and_YAML_files_get_the_same_backup_dry_run_diff_and_no_change_on_a_second_run(string client, string sample, string name, string addedLine)
    {
        var kind = McpClient.Find(client)!;
        var file = CopySample(sample, name);
        var original = File.ReadAllBytes(file);
        var dryRun = new StringWriter();
        var second = new StringWriter();

        ClientConfigWriter.Apply(kind, file, ClientSamples.Entries, dryRun: true, createFolder: false, Now, dryRun);
        Assert.Equal(original, File.ReadAllBytes(file));
        ClientConfigWriter.Apply(kind, file, ClientSamples.Entries, dryRun: false, createFolder: false, Now, TextWriter.Null);
        var again = ClientConfigWriter.Apply(kind, file, ClientSamples.Entries, dryRun: false, createFolder: false, Now.AddMinutes(1), second);

        Assert.Contains($"--- {file}\n+++ {file}\n", dryRun.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\n" + addedLine + "\n", dryRun.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(file + ".mcpshim-backup-20250314T150926Z"));
        Assert.Equal(kind.Syntax.Merge(ClientSamples.Text(sample), kind, ClientSamples.Entries, file).Text, File.ReadAllText(file));
        Assert.False(again.Changed);
        Assert.Equal($"{file}: no change (everything, filesystem already run {ClientSamples.Shim}).\n", second.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_dry_run_prints_a_unified_diff_and_writes_nothing()
    {
        var file = CopySample("claude-desktop.json", "claude_desktop_config.json");
        var original = File.ReadAllText(file);
        var output = new StringWriter();

        ClientConfigWriter.Apply(McpClient.ClaudeDesktop, file, ClientSamples.Entries, dryRun: true, createFolder: false, Now, output);

        Assert.Equal(original, File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(_temp.Path));
        Snapshot.Match(output.ToString().Replace(_temp.Path, "<dir>", StringComparison.Ordinal), "dry-run");
    }

    [Fact]
    public void A_dry_run_for_a_missing_file_shows_it_whole_as_new()
    {
        var file = _temp.File("mcp.json");
        var output = new StringWriter();

        ClientConfigWriter.Apply(McpClient.Cursor, file, [ClientSamples.Entries[0]], dryRun: true, createFolder: true, Now, output);

        Assert.False(File.Exists(file));
        Assert.StartsWith($"--- /dev/null\n+++ {file}\n@@ -0,0 +1,8 @@\n+{{\n+  \"mcpServers\": {{\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_created_with_no_backup_when_its_folder_may_be_created()
    {
        var file = _temp.File(".vscode/mcp.json");
        var output = new StringWriter();

        ClientConfigWriter.Apply(McpClient.VsCode, file, [ClientSamples.Entries[0]], false, createFolder: true, Now, output);

        Assert.Contains("\"type\": \"stdio\"", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_temp.File(".vscode")));
        Assert.EndsWith("(new file). Restart VS Code to pick it up.\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_client_folder_means_the_client_is_not_installed_and_nothing_is_created()
    {
        var file = _temp.File("Claude/claude_desktop_config.json");

        var ex = Assert.Throws<ClientConfigException>(() =>
            ClientConfigWriter.Apply(McpClient.ClaudeDesktop, file, ClientSamples.Entries, false, createFolder: false, Now, TextWriter.Null));

        Assert.Equal($"{_temp.File("Claude")} does not exist: is Claude Desktop installed for this user? Start it once, or give the file with --file PATH.", ex.Message);
        Assert.False(Directory.Exists(_temp.File("Claude")));
    }

    [Fact]
    public void A_refused_file_is_left_untouched_with_no_backup()
    {
        var file = CopySample("comment-in-entry.json", "mcp.json");
        var original = File.ReadAllText(file);

        Assert.Throws<ClientConfigException>(() => ClientConfigWriter.Apply(McpClient.Cursor, file, ClientSamples.Entries, false, false, Now, TextWriter.Null));

        Assert.Equal(original, File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void The_file_keeps_its_permissions_and_its_byte_order_mark()
    {
        var file = _temp.File(".claude.json");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. "{\"numStartups\": 1}\n"u8]);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        ClientConfigWriter.Apply(McpClient.ClaudeCode, file, [ClientSamples.Entries[0]], false, false, Now, TextWriter.Null);

        var bytes = File.ReadAllBytes(file);
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'{'], bytes[..4]);
        Assert.Equal(1, bytes.Count(b => b == 0xEF));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file + ".mcpshim-backup-20250314T150926Z"));
        }
    }

    [Fact]
    public void A_symlinked_file_is_updated_through_its_link()
    {
        var target = CopySample("no-servers.json", "dotfiles-mcp.json");
        var link = _temp.File("mcp.json");
        File.CreateSymbolicLink(link, target);

        ClientConfigWriter.Apply(McpClient.Cursor, link, [ClientSamples.Entries[0]], false, false, Now, TextWriter.Null);

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Contains(ClientSamples.Shim, File.ReadAllText(target), StringComparison.Ordinal);
    }

    private string CopySample(string sample, string name)
    {
        var file = _temp.File(name);
        File.Copy(ClientSamples.PathOf(sample), file);
        return file;
    }
}
