using McpShim.ClientConfig;

namespace McpShim.Tests.ClientConfig;

/// <summary>goose's config.yaml (issue 20): entries under "extensions" edited as text, everything else kept byte for byte.</summary>
public sealed class YamlServersMergeSpecs
{
    private static readonly ServerEntry Everything = ClientSamples.Entries[0];

    private const string NewEntry =
        "  everything:\n    type: stdio\n    name: everything\n    enabled: true\n    cmd: \"/opt/mcpshim/bin/mcpshim\"\n    args: [\"everything\"]\n    envs: {}\n    timeout: 300\n";

    [Theory(Timeout = 10_000)]
    [InlineData("", "extensions:\n" + NewEntry)]
    [InlineData("# goose\n", "# goose\nextensions:\n" + NewEntry)]
    [InlineData("GOOSE_MODE: auto\n# end\n", "GOOSE_MODE: auto\nextensions:\n" + NewEntry + "# end\n")]
    [InlineData("GOOSE_MODE: auto", "GOOSE_MODE: auto\nextensions:\n" + NewEntry)]
    [InlineData("extensions: {}\nGOOSE_MODE: auto\n", "extensions:\n" + NewEntry + "GOOSE_MODE: auto\n")]
    [InlineData("extensions:\nGOOSE_MODE: auto\n", "extensions:\n" + NewEntry + "GOOSE_MODE: auto\n")]
    public async Task A_file_without_extensions_gets_them_one_key_per_line(string before, string after)
    {
        await Task.Yield();

        var merged = Merge(before, [Everything]);

        Assert.Equal(after, merged.Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_new_entry_goes_after_the_last_one_at_its_indentation_and_CRLF_stays_CRLF()
    {
        await Task.Yield();
        const string before = "extensions:\r\n    developer:\r\n        enabled: true\r\n        type: builtin # built in\r\n\r\n# after\r\nGOOSE_MODE: auto\r\n";

        var merged = Merge(before, [Everything]);

        Assert.Equal(
            "extensions:\r\n    developer:\r\n        enabled: true\r\n        type: builtin # built in\r\n" +
            "    everything:\r\n        type: stdio\r\n        name: everything\r\n        enabled: true\r\n        cmd: \"/opt/mcpshim/bin/mcpshim\"\r\n" +
            "        args: [\"everything\"]\r\n        envs: {}\r\n        timeout: 300\r\n\r\n# after\r\nGOOSE_MODE: auto\r\n",
            merged.Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task An_outdated_entry_gets_cmd_and_args_replaced_and_keeps_enabled_and_envs()
    {
        await Task.Yield();
        const string before = "extensions:\n  everything:\n    args:\n    - old\n    cmd: mcpshim  # bare\n    enabled: false\n    envs:\n      A: '1'\n";

        var merged = Merge(before, [Everything]);

        Assert.Equal(["everything"], merged.Replaced);
        Assert.Equal(
            "extensions:\n  everything:\n    args: [\"everything\"]\n    cmd: \"/opt/mcpshim/bin/mcpshim\"  # bare\n    enabled: false\n    envs:\n      A: '1'\n    type: stdio\n",
            merged.Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task Args_written_in_flow_style_are_replaced_whole()
    {
        await Task.Yield();

        var merged = Merge("extensions:\n  everything:\n    type: stdio\n    cmd: mcpshim\n    args: [ 'a', b ] # old\n", [Everything]);

        Assert.Equal("extensions:\n  everything:\n    type: stdio\n    cmd: \"/opt/mcpshim/bin/mcpshim\"\n    args: [\"everything\"] # old\n", merged.Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task Names_and_paths_YAML_would_misread_are_quoted_and_read_back_exactly()
    {
        await Task.Yield();
        var entry = new ServerEntry("yes", "/Users/zoë/My \"Apps\": #1/mcpshim", ["yes", "--config", "C:\\profiles\\a.json"]);

        var merged = Merge(string.Empty, [entry]);

        Assert.StartsWith("extensions:\n  \"yes\":\n", merged.Text, StringComparison.Ordinal);
        using var model = YamlClientSyntax.Instance.Read(merged.Text, "config.yaml");
        var written = model.RootElement.GetProperty("extensions").GetProperty("yes");
        Assert.Equal(entry.Command, written.GetProperty("cmd").GetString());
        Assert.Equal(entry.Args, written.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("yes", written.GetProperty("name").GetString());
    }

    [Theory(Timeout = 10_000)]
    [InlineData("extensions:\n  a: [\n", "config.yaml: not valid YAML at line")]
    [InlineData("a: 1\n---\nb: 2\n", "config.yaml: holds 2 YAML documents")]
    [InlineData("- a\n- b\n", "config.yaml: the file holds a YAML list, not a mapping.")]
    [InlineData("{extensions: {}, a: 1}\n", "config.yaml: the file is written in flow style")]
    [InlineData("extensions: {developer: {type: builtin}}\n", "config.yaml: \"extensions\" is written on one line")]
    [InlineData("extensions:\n  everything:\n    type: builtin\n    name: everything\n", "config.yaml: a server named \"everything\" already exists and is not a local command (it has \"type: builtin\").")]
    [InlineData("extensions:\n  everything:\n    type: streamable_http\n    uri: https://x/mcp\n", "config.yaml: a server named \"everything\" already exists and is not a local command (it has \"uri\").")]
    [InlineData("extensions:\n  everything: {cmd: mcpshim, args: []}\n", "config.yaml: the extension \"everything\" needs updating but is not written one key per line")]
    [InlineData("extensions:\n  everything:\n    type: stdio\n    cmd: mcpshim\n    args:\n    # the profile\n    - everything\n", "config.yaml: the extension \"everything\" needs updating but has comments inside its args")]
    public async Task A_file_mcpshim_cannot_edit_safely_is_refused_with_a_message_saying_what_to_do(string text, string message)
    {
        await Task.Yield();

        var ex = Assert.Throws<ClientConfigException>(() => Merge(text, [Everything]));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_YAML_merge_that_would_drop_a_comment_or_touch_another_extension_is_caught_before_writing()
    {
        await Task.Yield();
        const string before = "# keep me\nextensions:\n  developer:\n    type: builtin\n";
        var entry = "  everything:\n    type: stdio\n    cmd: \"/opt/mcpshim/bin/mcpshim\"\n    args: [\"everything\"]\n";

        var lost = Assert.Throws<ClientConfigException>(() => MergeVerifier.Verify(before, "extensions:\n  developer:\n    type: builtin\n" + entry, McpClient.Goose, [Everything], "config.yaml"));
        var touched = Assert.Throws<ClientConfigException>(() => MergeVerifier.Verify(before, "# keep me\nextensions:\n  developer:\n    type: platform\n" + entry, McpClient.Goose, [Everything], "config.yaml"));

        Assert.Contains("(a comment would have been lost)", lost.Message, StringComparison.Ordinal);
        Assert.Contains("(another server's entry would have changed)", touched.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. extensions: { everything: { type: stdio, name: everything, enabled: true, cmd: \"/opt/mcpshim/bin/mcpshim\"", touched.Message, StringComparison.Ordinal);
    }

    private static MergeResult Merge(string text, IReadOnlyList<ServerEntry> entries) =>
        McpClient.Goose.Syntax.Merge(text, McpClient.Goose, entries, "config.yaml");
}
