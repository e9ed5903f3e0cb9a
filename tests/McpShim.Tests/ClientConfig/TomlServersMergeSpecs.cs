using System.Text.Json;
using McpShim.ClientConfig;

namespace McpShim.Tests.ClientConfig;

/// <summary>Codex's config.toml (issue 20): [mcp_servers.NAME] tables edited as text, everything else kept byte for byte.</summary>
public sealed class TomlServersMergeSpecs
{
    private static readonly ServerEntry Everything = ClientSamples.Entries[0];

    [Fact(Timeout = 10_000)]
    public async Task A_new_file_gets_one_table_per_entry_as_codex_mcp_add_writes_them()
    {
        await Task.Yield();

        var merged = Merge(string.Empty, ClientSamples.Entries);

        Assert.Equal(
            "[mcp_servers.everything]\ncommand = \"/opt/mcpshim/bin/mcpshim\"\nargs = [\"everything\"]\n\n" +
            "[mcp_servers.filesystem]\ncommand = \"/opt/mcpshim/bin/mcpshim\"\nargs = [\"filesystem\", \"--config\", \"/home/alice/work/profiles.json\"]\n",
            merged.Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task New_tables_go_after_the_last_server_table_and_the_tables_after_it_keep_their_comments()
    {
        await Task.Yield();
        const string before = "model = \"o3\" # mine\n\n[mcp_servers.docs] # remote\nurl = \"https://x\"\n# tools below\n[tools]\nweb_search = true\n";

        var merged = Merge(before, [Everything]);

        Assert.Equal(
            "model = \"o3\" # mine\n\n[mcp_servers.docs] # remote\nurl = \"https://x\"\n\n[mcp_servers.everything]\ncommand = \"/opt/mcpshim/bin/mcpshim\"\nargs = [\"everything\"]\n# tools below\n[tools]\nweb_search = true\n",
            merged.Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_file_without_a_final_line_break_or_with_CRLF_line_breaks_is_extended_in_its_own_style()
    {
        await Task.Yield();

        var merged = Merge("model = \"o3\"\r\n[projects.\"/src\"]\r\ntrust_level = \"trusted\"", [Everything]);

        Assert.Equal(
            "model = \"o3\"\r\n[projects.\"/src\"]\r\ntrust_level = \"trusted\"\r\n\r\n[mcp_servers.everything]\r\ncommand = \"/opt/mcpshim/bin/mcpshim\"\r\nargs = [\"everything\"]\r\n",
            merged.Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task An_outdated_table_gets_its_values_replaced_in_place_keeping_env_and_other_keys()
    {
        await Task.Yield();
        const string before = "[mcp_servers.everything]  # via mcpshim\ncommand = 'mcpshim'   # bare\nenabled = false\nstartup_timeout_sec = 20.0\n\n[mcp_servers.everything.env]\nMCPSHIM_LOG = \"debug\"\n";

        var merged = Merge(before, [Everything]);

        Assert.Equal(["everything"], merged.Replaced);
        Assert.Equal(
            "[mcp_servers.everything]  # via mcpshim\nargs = [\"everything\"]\ncommand = \"/opt/mcpshim/bin/mcpshim\"   # bare\nenabled = false\nstartup_timeout_sec = 20.0\n\n[mcp_servers.everything.env]\nMCPSHIM_LOG = \"debug\"\n",
            merged.Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task An_entry_that_so_far_has_only_its_env_table_gets_its_own_table()
    {
        await Task.Yield();

        var merged = Merge("[mcp_servers.everything.env]\nA = \"1\"\n", [Everything]);

        using var model = TomlClientSyntax.Instance.Read(merged.Text, "config.toml");
        var entry = model.RootElement.GetProperty("mcp_servers").GetProperty("everything");
        Assert.Equal(ClientSamples.Shim, entry.GetProperty("command").GetString());
        Assert.Equal("1", entry.GetProperty("env").GetProperty("A").GetString());
    }

    [Fact(Timeout = 10_000)]
    public async Task Names_and_paths_TOML_cannot_write_bare_are_quoted_and_read_back_exactly()
    {
        await Task.Yield();
        var entry = new ServerEntry("team.tools", "/Users/zoë/My \"Apps\"/mcpshim", ["team.tools", "--config", "C:\\profiles\\a.json"]);

        var merged = Merge(string.Empty, [entry]);

        Assert.StartsWith("[mcp_servers.\"team.tools\"]\n", merged.Text, StringComparison.Ordinal);
        using var model = TomlClientSyntax.Instance.Read(merged.Text, "config.toml");
        var written = model.RootElement.GetProperty("mcp_servers").GetProperty("team.tools");
        Assert.Equal(entry.Command, written.GetProperty("command").GetString());
        Assert.Equal(entry.Args, written.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("model = \"o3\"\n[x\n", "config.toml: not valid TOML at line 2, column")]
    [InlineData("mcp_servers = 1\n", "config.toml: \"mcp_servers\" is not a table.")]
    [InlineData("mcp_servers = { other = { command = \"x\", args = [] } }\n", "config.toml: \"mcp_servers\" is written as one inline table")]
    [InlineData("[mcp_servers]\neverything = { command = \"mcpshim\", args = [] }\n", "config.toml: the server \"everything\" needs updating but is written inline")]
    [InlineData("[mcp_servers.everything]\nurl = \"https://mcp.example.com/mcp\"\n", "config.toml: a server named \"everything\" already exists and is not a local command (it has \"url\").")]
    [InlineData("[mcp_servers.everything]\ncommand = \"mcpshim\"\nargs = [\n  \"everything\", # the profile\n]\n", "config.toml: the server \"everything\" needs updating but its args have comments inside")]
    public async Task A_file_mcpshim_cannot_edit_safely_is_refused_with_a_message_saying_what_to_do(string text, string message)
    {
        await Task.Yield();

        var ex = Assert.Throws<ClientConfigException>(() => Merge(text, [Everything]));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_TOML_merge_that_would_drop_a_comment_or_change_another_key_is_caught_before_writing()
    {
        await Task.Yield();
        const string before = "# keep me\nmodel = \"o3\"\n";
        const string entry = "\n[mcp_servers.everything]\ncommand = \"/opt/mcpshim/bin/mcpshim\"\nargs = [\"everything\"]\n";

        var lost = Assert.Throws<ClientConfigException>(() => MergeVerifier.Verify(before, "model = \"o3\"\n" + entry, McpClient.Codex, [Everything], "config.toml"));
        var changed = Assert.Throws<ClientConfigException>(() => MergeVerifier.Verify(before, "# keep me\nmodel = \"o4\"\n" + entry, McpClient.Codex, [Everything], "config.toml"));

        Assert.Contains("(a comment would have been lost)", lost.Message, StringComparison.Ordinal);
        Assert.Contains("(a key outside \"mcp_servers\" would have changed)", changed.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. [mcp_servers.everything] with command = \"/opt/mcpshim/bin/mcpshim\" and args = [\"everything\"]", changed.Message, StringComparison.Ordinal);
    }

    private static MergeResult Merge(string text, IReadOnlyList<ServerEntry> entries) =>
        McpClient.Codex.Syntax.Merge(text, McpClient.Codex, entries, "config.toml");
}
