using System.Text.Json;
using McpShim.ClientConfig;
using McpShim.Tests.Support;

namespace McpShim.Tests.ClientConfig;

/// <summary>Merging mcpshim's entries into real client files (issue 6): text edits only where the entries go.</summary>
public sealed class ServersMergeSpecs
{
    [Theory]
    [InlineData("claude-desktop.json")]
    [InlineData("claude-code.json")]
    [InlineData("cursor.json")]
    [InlineData("vscode.json")]
    [InlineData("vscode.crlf.json")]
    [InlineData("no-servers.json")]
    [InlineData("empty.json")]
    [InlineData("codex.toml")]
    [InlineData("gemini.json")]
    [InlineData("windsurf.json")]
    [InlineData("zed.json")]
    [InlineData("cline.json")]
    [InlineData("goose.yaml")]
    public void I_can_merge_entries_into_each_clients_file_keeping_every_other_key_and_comment(string sample)
    {
        var client = ClientSamples.ClientOf(sample);

        var merged = client.Syntax.Merge(ClientSamples.Text(sample), client, ClientSamples.Entries, sample);

        Assert.True(merged.Changed);
        Snapshot.Match(merged.Text, Path.GetFileNameWithoutExtension(sample));
    }

    [Theory]
    [InlineData("claude-desktop.json")]
    [InlineData("claude-code.json")]
    [InlineData("cursor.json")]
    [InlineData("vscode.json")]
    [InlineData("vscode.crlf.json")]
    [InlineData("no-servers.json")]
    [InlineData("empty.json")]
    [InlineData("codex.toml")]
    [InlineData("gemini.json")]
    [InlineData("windsurf.json")]
    [InlineData("zed.json")]
    [InlineData("cline.json")]
    [InlineData("goose.yaml")]
    public void Merging_a_second_time_changes_nothing(string sample)
    {
        var client = ClientSamples.ClientOf(sample);
        var once = client.Syntax.Merge(ClientSamples.Text(sample), client, ClientSamples.Entries, sample);

        var twice = client.Syntax.Merge(once.Text, client, ClientSamples.Entries, sample);

        Assert.False(twice.Changed);
        Assert.Equal(once.Text, twice.Text);
        Assert.Equal(["everything", "filesystem"], twice.Unchanged);
    }

    [Fact]
    public void Every_comment_of_a_JSONC_file_survives_in_order()
    {
        var before = ClientSamples.Text("cursor.json");

        var after = ServersMerge.Merge(before, McpClient.Cursor, ClientSamples.Entries, "cursor.json").Text;

        Assert.Equal(Comments(before), Comments(after));
        Assert.Equal(4, Comments(after).Count);
    }

    [Fact]
    public void VS_Code_entries_go_under_servers_with_type_stdio()
    {
        var merged = ServersMerge.Merge(ClientSamples.Text("vscode.json"), McpClient.VsCode, ClientSamples.Entries, "vscode.json");

        using var document = Parse(merged.Text);
        var entry = document.RootElement.GetProperty("servers").GetProperty("everything");
        Assert.Equal("stdio", entry.GetProperty("type").GetString());
        Assert.Equal(ClientSamples.Shim, entry.GetProperty("command").GetString());
        Assert.False(document.RootElement.TryGetProperty("mcpServers", out _));
    }

    [Fact]
    public void An_outdated_entry_is_rewritten_in_place_and_keeps_the_keys_mcpshim_does_not_own()
    {
        var merged = ServersMerge.Merge(ClientSamples.Text("claude-desktop.json"), McpClient.ClaudeDesktop, ClientSamples.Entries, "claude-desktop.json");

        Assert.Equal(["everything"], merged.Replaced);
        Assert.Equal(["filesystem"], merged.Added);
        using var document = Parse(merged.Text);
        var entry = document.RootElement.GetProperty("mcpServers").GetProperty("everything");
        Assert.Equal(ClientSamples.Shim, entry.GetProperty("command").GetString());
        Assert.Equal("debug", entry.GetProperty("env").GetProperty("LOG_LEVEL").GetString());
        Assert.Equal(["github", "everything", "filesystem"], document.RootElement.GetProperty("mcpServers").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_CRLF_file_stays_CRLF()
    {
        var before = ClientSamples.Text("vscode.crlf.json");
        Assert.Contains("\r\n", before, StringComparison.Ordinal);

        var after = ServersMerge.Merge(before, McpClient.VsCode, ClientSamples.Entries, "vscode.crlf.json").Text;

        Assert.Equal(after.Split('\n').Length - 1, after.Split("\r\n").Length - 1);
    }

    [Fact]
    public void An_outdated_entry_with_comments_inside_is_refused_naming_the_entry_and_the_fix()
    {
        var text = ClientSamples.Text("comment-in-entry.json");

        var ex = Assert.Throws<ClientConfigException>(() => ServersMerge.Merge(text, McpClient.Cursor, ClientSamples.Entries, "mcp.json"));

        Assert.StartsWith("mcp.json: the server \"everything\" needs updating but has comments inside it", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Remove those comments", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_with_comments_inside_that_is_already_right_is_left_alone()
    {
        var text = ClientSamples.Text("comment-in-entry.json").Replace("\"mcpshim\"", $"\"{ClientSamples.Shim}\"", StringComparison.Ordinal);

        var merged = ServersMerge.Merge(text, McpClient.Cursor, [ClientSamples.Entries[0]], "mcp.json");

        Assert.False(merged.Changed);
        Assert.Equal(text, merged.Text);
    }

    [Theory]
    [InlineData("[]", "mcp.json: the file holds a JSON array, not an object.")]
    [InlineData("{\"mcpServers\": [] }", "mcp.json: \"mcpServers\" is not an object.")]
    [InlineData("{\"mcpServers\": {}, \"mcpServers\": {} }", "mcp.json: \"mcpServers\" appears 2 times.")]
    [InlineData("{\"mcpServers\": {\"everything\": {\"url\": \"https://x\"} } }", "mcp.json: a server named \"everything\" already exists and is not a local command (it has \"url\").")]
    [InlineData("{\"mcpServers\": {\"everything\": {}, \"everything\": {} } }", "mcp.json: the server \"everything\" appears 2 times under \"mcpServers\".")]
    [InlineData("{\n  \"mcpServers\": {\n    \"a\": 1 2\n  }\n}", "mcp.json: not valid JSON at line 3, column")]
    public void A_file_mcpshim_cannot_edit_safely_is_refused_with_a_message_saying_what_to_do(string text, string message)
    {
        var ex = Assert.Throws<ClientConfigException>(() => ServersMerge.Merge(text, McpClient.Cursor, ClientSamples.Entries, "mcp.json"));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("then run mcpshim config again", ex.Message + " then run mcpshim config again", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gemini", "{\"mcpServers\": {\"everything\": {\"type\": \"http\", \"url\": \"https://x/mcp\"}}}", "type")]
    [InlineData("gemini", "{\"mcpServers\": {\"everything\": {\"httpUrl\": \"https://x/mcp\"}}}", "httpUrl")]
    [InlineData("windsurf", "{\"mcpServers\": {\"everything\": {\"serverUrl\": \"https://x/mcp\"}}}", "serverUrl")]
    [InlineData("zed", "{\"context_servers\": {\"everything\": {\"settings\": {\"token\": \"x\"}}}}", "settings")]
    public void A_same_named_remote_or_extension_server_of_the_new_clients_is_refused(string client, string text, string key)
    {
        var kind = McpClient.Find(client)!;

        var ex = Assert.Throws<ClientConfigException>(() => kind.Syntax.Merge(text, kind, ClientSamples.Entries, "settings.json"));

        Assert.Equal(
            $"settings.json: a server named \"everything\" already exists and is not a local command (it has \"{key}\"). " +
            "Remove or rename that entry, or write mcpshim's under another name with --file and edit it by hand.",
            ex.Message);
    }

    [Fact]
    public void Zed_entries_go_under_context_servers_and_a_custom_server_with_settings_is_updated_keeping_them()
    {
        const string before = "{\n  \"context_servers\": {\n    \"everything\": {\n      \"command\": \"mcpshim\",\n      \"args\": [],\n      \"settings\": {}\n    }\n  }\n}\n";

        var merged = McpClient.Zed.Syntax.Merge(before, McpClient.Zed, [ClientSamples.Entries[0]], "settings.json");

        using var document = Parse(merged.Text);
        var entry = document.RootElement.GetProperty("context_servers").GetProperty("everything");
        Assert.Equal(ClientSamples.Shim, entry.GetProperty("command").GetString());
        Assert.Equal(JsonValueKind.Object, entry.GetProperty("settings").ValueKind);
    }

    [Theory]
    [InlineData("{}", "{\n  \"mcpServers\": {\n    \"everything\": {\n      \"command\": \"/opt/mcpshim/bin/mcpshim\",\n      \"args\": [\"everything\"]\n    }\n  }\n}")]
    [InlineData("{\"a\":1}", "{\"a\":1,\n  \"mcpServers\": {\n    \"everything\": {\n      \"command\": \"/opt/mcpshim/bin/mcpshim\",\n      \"args\": [\"everything\"]\n    }\n  }\n}")]
    [InlineData("{\"mcpServers\": { /* none yet */ }}", "{\"mcpServers\": { /* none yet */\n  \"everything\": {\n    \"command\": \"/opt/mcpshim/bin/mcpshim\",\n    \"args\": [\"everything\"]\n  }\n}}")]
    public void Compact_and_empty_objects_get_one_member_per_line(string before, string after)
    {
        var merged = ServersMerge.Merge(before, McpClient.Cursor, [ClientSamples.Entries[0]], "mcp.json");

        Assert.Equal(after, merged.Text);
    }

    [Theory]
    [InlineData("{\n  // keep me\n  \"mcpServers\": {}\n}", "{\n  \"mcpServers\": {\"everything\": {\"command\": \"/opt/mcpshim/bin/mcpshim\", \"args\": [\"everything\"]}}\n}", "a comment would have been lost")]
    [InlineData("{\"theme\": \"dark\"}", "{\"theme\": \"light\", \"mcpServers\": {\"everything\": {\"command\": \"/opt/mcpshim/bin/mcpshim\", \"args\": [\"everything\"]}}}", "a key outside \"mcpServers\" would have changed")]
    [InlineData("{\"mcpServers\": {\"x\": {}}}", "{\"mcpServers\": {\"everything\": {\"command\": \"/opt/mcpshim/bin/mcpshim\", \"args\": [\"everything\"]}}}", "another server's entry would have changed")]
    [InlineData("{}", "{\"mcpServers\": {\"everything\": {\"command\": \"mcpshim\", \"args\": [\"everything\"]}}}", "the entry \"everything\" would be wrong")]
    public void A_merge_that_would_lose_anything_is_caught_before_writing(string before, string after, string problem)
    {
        var ex = Assert.Throws<ClientConfigException>(() => MergeVerifier.Verify(before, after, McpClient.Cursor, [ClientSamples.Entries[0]], "mcp.json"));

        Assert.Contains($"({problem}); nothing was written", ex.Message, StringComparison.Ordinal);
    }

    private static List<string> Comments(string text) =>
        JsoncTokenizer.Tokenize(text).Where(t => t.IsComment).Select(t => t.TextOf(text)).ToList();

    private static JsonDocument Parse(string text) =>
        JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
}
