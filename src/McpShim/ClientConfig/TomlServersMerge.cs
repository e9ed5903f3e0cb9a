using System.Text.Json;
using System.Text.RegularExpressions;
using Tomlyn.Syntax;

namespace McpShim.ClientConfig;

/// <summary>
/// Merges server entries into Codex's <c>config.toml</c> as <c>[mcp_servers.NAME]</c> tables with <c>command</c> and
/// <c>args</c>, the form <c>codex mcp add</c> writes. Tomlyn's syntax tree locates the tables; only their text is edited,
/// so every other table, comment and blank line stays byte for byte (Codex itself rewrites the section and drops
/// comments). An outdated entry gets its <c>command</c> and <c>args</c> values replaced in place, keeping <c>env</c>,
/// <c>[mcp_servers.NAME.env]</c> and every other key. An entry written inline is refused rather than rewritten.
/// </summary>
internal static partial class TomlServersMerge
{
    public static MergeResult Merge(string text, McpClient client, IReadOnlyList<ServerEntry> entries, string file)
    {
        var document = TomlClientSyntax.Parse(text, file);
        using var model = TomlModel.Read(text);
        var key = client.ServersKey;
        var servers = model.RootElement.TryGetProperty(key, out var found) ? found : default;
        if (servers.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
            throw new ClientConfigException($"{file}: \"{key}\" is not a table. Fix it ({client.DisplayName} reads [{key}.NAME] tables), then run mcpshim config again.");

        var layout = new TextLayout(text);
        var tables = document.Tables.Select(t => new TomlTableAt(Path(t.Name!), t)).ToList();
        var keyValues = KeyValues(document);
        var added = new List<string>();
        var replaced = new List<string>();
        var unchanged = new List<string>();
        var edits = new List<TextEdit>();
        var toAdd = new List<ServerEntry>();
        foreach (var entry in entries)
        {
            if (servers.ValueKind != JsonValueKind.Object || !servers.TryGetProperty(entry.Name, out var existing))
            {
                toAdd.Add(entry);
                added.Add(entry.Name);
                continue;
            }

            if (ServersMerge.IsCurrent(existing, entry, client))
            {
                unchanged.Add(entry.Name);
                continue;
            }

            if (existing.ValueKind != JsonValueKind.Object)
                throw new ClientConfigException($"{file}: the server \"{entry.Name}\" under \"{key}\" is not a table. Remove it, then run mcpshim config again.");
            if (ServersMerge.RemoteKeys.FirstOrDefault(k => existing.TryGetProperty(k, out _)) is { } remote)
                throw ServersMerge.NotLocal(entry, remote, file);

            replaced.Add(entry.Name);
            string[] path = [key, entry.Name];
            if (tables.Find(t => t.Syntax is TableSyntax && t.Path.SequenceEqual(path))?.Syntax is { } own)
                edits.AddRange(Update(text, own, entry, layout, file));
            else if (keyValues.Any(kv => kv.TableDepth < 2 && kv.Path.Take(2).SequenceEqual(path)))
                throw Inline(entry, key, file);
            else
                toAdd.Add(entry); // only sub-tables such as [mcp_servers.NAME.env] so far: its own table can be added
        }

        if (toAdd.Count > 0)
        {
            if (keyValues.Any(kv => kv.Path is [var only] && only == key))
            {
                throw new ClientConfigException(
                    $"{file}: \"{key}\" is written as one inline table ({key} = {{ ... }}), to which TOML allows no [{key}.NAME] table. " +
                    $"Write each server as a [{key}.NAME] table, as '{client.Name} mcp add' does, then run mcpshim config again.");
            }

            edits.Add(AddTables(text, tables, key, toAdd, layout));
        }

        var merged = new MergeResult(TextEdit.Apply(text, edits), added, replaced, unchanged);
        if (merged.Changed)
            MergeVerifier.Verify(text, merged.Text, client, entries, file);
        return merged;
    }

    /// <summary>A table key part: bare when TOML allows, else a quoted string.</summary>
    public static string Key(string name) => BareKey().IsMatch(name) ? name : DoubleQuoted.Of(name);

    public static string Array(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(DoubleQuoted.Of)) + "]";

    private static string Table(string key, ServerEntry entry, string newLine) =>
        $"[{key}.{Key(entry.Name)}]{newLine}command = {DoubleQuoted.Of(entry.Command)}{newLine}args = {Array(entry.Args)}{newLine}";

    /// <summary>New tables go after the last table of the servers key (else at the end), each after a blank line.</summary>
    private static TextEdit AddTables(string text, List<TomlTableAt> tables, string key, List<ServerEntry> entries, TextLayout layout)
    {
        var newLine = layout.NewLine;
        if (text.Length == 0)
            return new TextEdit(0, 0, string.Join(newLine, entries.Select(e => Table(key, e, newLine))));

        var body = string.Concat(entries.Select(e => newLine + Table(key, e, newLine)));
        var last = tables.FindLast(t => t.Path.Count > 0 && t.Path[0] == key)?.Syntax;
        var end = last is null ? text.Length - 1 : last.Span.End.Offset;
        var prefix = text[end] == '\n' ? string.Empty : newLine;
        return new TextEdit(end + 1, end + 1, prefix + body);
    }

    /// <summary>Replaces <c>command</c> and <c>args</c> of an entry's own table in place; a missing one is added after the header.</summary>
    private static List<TextEdit> Update(string text, TableSyntaxBase table, ServerEntry entry, TextLayout layout, string file)
    {
        var edits = new List<TextEdit>();
        var items = table.Items.ToList();
        var command = items.FirstOrDefault(kv => Path(kv.Key!) is ["command"]);
        var args = items.FirstOrDefault(kv => Path(kv.Key!) is ["args"]);
        if (args is not null && TomlClientSyntax.CommentTokens(text).Any(c => c.Start >= args.Value!.Span.Start.Offset && c.Start <= args.Value.Span.End.Offset))
        {
            throw new ClientConfigException(
                $"{file}: the server \"{entry.Name}\" needs updating but its args have comments inside, which mcpshim will not drop. " +
                $"Remove those comments (or the whole table), then run mcpshim config again; or set it by hand to command = {DoubleQuoted.Of(entry.Command)}, args = {Array(entry.Args)}.");
        }

        if (command is not null)
            edits.Add(ReplaceValue(command, DoubleQuoted.Of(entry.Command)));
        if (args is not null)
            edits.Add(ReplaceValue(args, Array(entry.Args)));

        var missing = new List<string>();
        if (command is null)
            missing.Add($"command = {DoubleQuoted.Of(entry.Command)}");
        if (args is null)
            missing.Add($"args = {Array(entry.Args)}");
        if (missing.Count > 0)
        {
            var indent = items.Count > 0 ? layout.IndentOfLineAt(items[0].Span.Start.Offset) : string.Empty;
            var lineEnd = text.IndexOf('\n', table.CloseBracket!.Span.End.Offset);
            var lines = string.Concat(missing.Select(l => indent + l + layout.NewLine));
            edits.Add(lineEnd < 0 ? new TextEdit(text.Length, text.Length, layout.NewLine + lines) : new TextEdit(lineEnd + 1, lineEnd + 1, lines));
        }

        return edits;
    }

    private static TextEdit ReplaceValue(KeyValueSyntax keyValue, string value) =>
        new(keyValue.Value!.Span.Start.Offset, keyValue.Value.Span.End.Offset + 1, value);

    private static ClientConfigException Inline(ServerEntry entry, string key, string file) => new(
        $"{file}: the server \"{entry.Name}\" needs updating but is written inline ({key}.{Key(entry.Name)} = {{ ... }} or dotted keys), " +
        $"which mcpshim does not rewrite. Make it a [{key}.{Key(entry.Name)}] table (or remove it), then run mcpshim config again; " +
        $"or set it by hand to command = {DoubleQuoted.Of(entry.Command)}, args = {Array(entry.Args)}.");

    /// <summary>Every key/value outside arrays of tables, by its full path from the root, with the depth of the table it is written in.</summary>
    private static List<TomlKeyValueAt> KeyValues(DocumentSyntax document)
    {
        var all = document.KeyValues.Select(kv => new TomlKeyValueAt(Path(kv.Key!), 0, kv)).ToList();
        foreach (var table in document.Tables.OfType<TableSyntax>())
        {
            var prefix = Path(table.Name!);
            all.AddRange(table.Items.Select(kv => new TomlKeyValueAt([.. prefix, .. Path(kv.Key!)], prefix.Count, kv)));
        }

        return all;
    }

    /// <summary>A dotted key's parts, unquoted: <c>mcp_servers."my server"</c> is [mcp_servers, my server].</summary>
    private static List<string> Path(KeySyntax key) => [Part(key.Key), .. key.DotKeys.Select(d => Part(d.Key))];

    private static string Part(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => string.Empty,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex BareKey();
}
