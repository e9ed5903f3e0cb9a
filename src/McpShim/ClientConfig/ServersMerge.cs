using System.Text.Json;

namespace McpShim.ClientConfig;

/// <summary>
/// Merges server entries into a client's JSON or JSONC text by editing only the text of those entries: every other
/// key, comment, blank line and trailing comma stays byte for byte. An entry that is already right is left alone, so
/// a second run changes nothing. What cannot be edited safely is refused with what to do instead.
/// </summary>
internal static class ServersMerge
{
    /// <summary>The keys mcpshim owns in an entry; the others (<c>env</c>, <c>disabled</c>, ...) are kept.</summary>
    private static readonly string[] OwnedKeys = ["command", "args"];

    /// <summary>
    /// Keys of a remote server's entry: <c>url</c> (most clients), <c>httpUrl</c> (Gemini CLI), <c>serverUrl</c>
    /// (Windsurf), <c>uri</c> (goose). Zed's extension-provided servers have <c>settings</c> and no <c>command</c>.
    /// </summary>
    public static readonly string[] RemoteKeys = ["url", "httpUrl", "serverUrl", "uri"];

    public static MergeResult Merge(string text, McpClient client, IReadOnlyList<ServerEntry> entries, string file)
    {
        var names = entries.Select(e => e.Name).ToList();
        if (text.AsSpan().Trim(" \t\r\n\uFEFF").IsEmpty)
            return new MergeResult(NewDocument(client, entries, new TextLayout(text)), names, [], []);

        using (var document = Parse(text, file))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ClientConfigException($"{file}: the file holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object. Fix or move it, then run mcpshim config again.");
        }

        var layout = new TextLayout(text);
        var tokens = JsoncTokenizer.Tokenize(text);
        var root = JsoncObject.Read(text, tokens, JsoncObject.First(tokens));
        var serversMembers = root.Members.Where(m => m.Name == client.ServersKey).ToList();
        if (serversMembers.Count > 1)
            throw new ClientConfigException($"{file}: \"{client.ServersKey}\" appears {serversMembers.Count} times. Keep one (the client reads only the last), then run mcpshim config again.");

        List<TextEdit> edits;
        var added = new List<string>();
        var replaced = new List<string>();
        var unchanged = new List<string>();
        if (serversMembers.Count == 0)
        {
            added.AddRange(names);
            edits = InsertMembers(text, tokens, root, [indent => EntryRenderer.Quote(client.ServersKey) + ": " + EntryRenderer.ServersObject(entries, client, indent, layout)], layout);
        }
        else
        {
            var serversMember = serversMembers[0];
            if (tokens[serversMember.ValueFirst].Kind != JsoncTokenKind.OpenBrace)
                throw new ClientConfigException($"{file}: \"{client.ServersKey}\" is not an object. Make it {{}} (or fix it), then run mcpshim config again.");
            var servers = JsoncObject.Read(text, tokens, serversMember.ValueFirst);
            edits = [];
            var toAdd = new List<ServerEntry>();
            foreach (var entry in entries)
            {
                var existing = servers.Members.Where(m => m.Name == entry.Name).ToList();
                if (existing.Count > 1)
                    throw new ClientConfigException($"{file}: the server \"{entry.Name}\" appears {existing.Count} times under \"{client.ServersKey}\". Keep one, then run mcpshim config again.");
                if (existing.Count == 0)
                {
                    toAdd.Add(entry);
                    added.Add(entry.Name);
                }
                else if (IsCurrent(Span(text, tokens, existing[0]), entry, client))
                {
                    unchanged.Add(entry.Name);
                }
                else
                {
                    edits.Add(Replace(text, tokens, existing[0], entry, client, layout, file));
                    replaced.Add(entry.Name);
                }
            }

            if (toAdd.Count > 0)
                edits.AddRange(InsertMembers(text, tokens, servers, toAdd.Select(e => (Func<string, string>)(indent => EntryRenderer.Member(e, client, [], indent, layout))).ToList(), layout));
        }

        var merged = new MergeResult(TextEdit.Apply(text, edits), added, replaced, unchanged);
        if (merged.Changed)
            MergeVerifier.Verify(text, merged.Text, client, entries, file);
        return merged;
    }

    /// <summary>Whether an entry's value already says what mcpshim would write (extra keys such as <c>env</c> do not matter).</summary>
    public static bool IsCurrent(string valueText, ServerEntry entry, McpClient client)
    {
        using var document = JsoncOptions.Parse(valueText);
        return IsCurrent(document.RootElement, entry, client);
    }

    public static bool IsCurrent(JsonElement value, ServerEntry entry, McpClient client) =>
        value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty(client.CommandKey, out var command) && command.ValueKind == JsonValueKind.String && command.GetString() == entry.Command
        && value.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array
        && args.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : null).SequenceEqual(entry.Args)
        && (!client.NeedsStdioType || (value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "stdio"));

    public static JsonDocument Parse(string text, string file)
    {
        try
        {
            return JsoncOptions.Parse(text);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {ex.BytePositionInLine + 1}" : string.Empty;
            var reason = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
            throw new ClientConfigException($"{file}: not valid JSON{where} ({reason}). Fix the file (or restore a backup), then run mcpshim config again.", ex);
        }
    }

    private static string NewDocument(McpClient client, IReadOnlyList<ServerEntry> entries, TextLayout layout) =>
        "{" + layout.NewLine + layout.IndentUnit + EntryRenderer.Quote(client.ServersKey) + ": "
        + EntryRenderer.ServersObject(entries, client, layout.IndentUnit, layout) + layout.NewLine + "}" + layout.NewLine;

    private static string Span(string text, List<JsoncToken> tokens, JsoncMember member) =>
        text[tokens[member.ValueFirst].Start..tokens[member.ValueLast].End];

    /// <summary>Rewrites one entry's value, keeping the members mcpshim does not own as they are written.</summary>
    private static TextEdit Replace(string text, List<JsoncToken> tokens, JsoncMember member, ServerEntry entry, McpClient client, TextLayout layout, string file)
    {
        var start = tokens[member.ValueFirst].Start;
        var end = tokens[member.ValueLast].End;
        if (tokens.Skip(member.ValueFirst).Take(member.ValueLast - member.ValueFirst + 1).Any(t => t.IsComment))
        {
            throw new ClientConfigException(
                $"{file}: the server \"{entry.Name}\" needs updating but has comments inside it, which mcpshim will not drop. " +
                $"Remove those comments (or the whole entry), then run mcpshim config again; or set it by hand to \"command\": {EntryRenderer.Quote(entry.Command)}, " +
                $"\"args\": [{string.Join(", ", entry.Args.Select(EntryRenderer.Quote))}].");
        }

        var extras = new List<string>();
        if (tokens[member.ValueFirst].Kind == JsoncTokenKind.OpenBrace)
        {
            var members = JsoncObject.Read(text, tokens, member.ValueFirst).Members;
            foreach (var inner in members)
            {
                if (RemoteKeys.Contains(inner.Name)
                    || (inner.Name == "type" && JsoncText(text, tokens, inner) is not "\"stdio\"")
                    || (inner.Name == "settings" && !members.Any(m => m.Name == "command")))
                {
                    throw NotLocal(entry, inner.Name, file);
                }

                if (OwnedKeys.Contains(inner.Name) || (client.NeedsStdioType && inner.Name == "type"))
                    continue;
                extras.Add(text[tokens[inner.Key].Start..tokens[inner.ValueLast].End]);
            }
        }

        var indent = layout.IndentOfLineAt(tokens[member.Key].Start);
        return new TextEdit(start, end, EntryRenderer.Value(entry, client, extras, indent, layout));
    }

    /// <summary>An existing entry of the same name that mcpshim must not turn into a local command.</summary>
    public static ClientConfigException NotLocal(ServerEntry entry, string key, string file) => new(
        $"{file}: a server named \"{entry.Name}\" already exists and is not a local command (it has \"{key}\"). " +
        "Remove or rename that entry, or write mcpshim's under another name with --file and edit it by hand.");

    private static string JsoncText(string text, List<JsoncToken> tokens, JsoncMember member) =>
        text[tokens[member.ValueFirst].Start..tokens[member.ValueLast].End];

    /// <summary>
    /// Appends members to an object after its last member (or inside an empty one), one per line at the indentation
    /// of its other members. A comma is added after the last value (before any comment on its line), and a trailing
    /// comma style is kept.
    /// </summary>
    private static List<TextEdit> InsertMembers(string text, List<JsoncToken> tokens, JsoncObject target, IReadOnlyList<Func<string, string>> members, TextLayout layout)
    {
        var closeIndent = layout.IndentOfLineAt(tokens[target.Open].Start);
        var edits = new List<TextEdit>();
        string memberIndent;
        int insertAt;
        var trailingComma = false;
        if (target.Members.Count > 0)
        {
            var firstKey = tokens[target.Members[0].Key].Start;
            memberIndent = layout.IsFirstOnLine(firstKey) ? layout.IndentOfLineAt(firstKey) : closeIndent + layout.IndentUnit;
            var last = target.Members[^1];
            trailingComma = last.Comma is not null;
            var anchor = last.Comma ?? last.ValueLast;
            insertAt = tokens[anchor].End;
            for (var t = anchor + 1; t < target.Close && tokens[t].IsComment && layout.SameLine(insertAt, tokens[t].Start); t++)
                insertAt = tokens[t].End;
            // The separating comma goes right after the last value, before any comment on its line.
            if (!trailingComma)
                edits.Add(new TextEdit(tokens[last.ValueLast].End, tokens[last.ValueLast].End, ","));
        }
        else
        {
            memberIndent = closeIndent + layout.IndentUnit;
            insertAt = target.Close - 1 > target.Open ? tokens[target.Close - 1].End : tokens[target.Open].End;
        }

        var lines = members.Select(m => layout.NewLine + memberIndent + m(memberIndent)).ToList();
        var body = trailingComma ? string.Concat(lines.Select(l => l + ",")) : string.Join(",", lines);
        var closeStart = tokens[target.Close].Start;
        edits.Add(layout.SameLine(insertAt, closeStart)
            ? new TextEdit(insertAt, closeStart, body + layout.NewLine + closeIndent)
            : new TextEdit(insertAt, insertAt, body));
        return edits;
    }
}
