using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpShim.ClientConfig;

/// <summary>
/// Merges server entries into goose's <c>config.yaml</c> under <c>extensions</c>, one block mapping per entry
/// (<c>type: stdio</c>, <c>name</c>, <c>enabled</c>, <c>cmd</c>, <c>args</c>, <c>envs</c>, <c>timeout</c>), as goose writes
/// them. YamlDotNet's parser locates the nodes; only their text is edited, so every other key, comment and blank line
/// stays byte for byte. An outdated entry gets <c>cmd</c> and <c>args</c> replaced in place; <c>enabled</c>,
/// <c>envs</c> and the rest are the user's. What is written in flow style (<c>{...}</c>) is refused rather than rewritten.
/// </summary>
internal static partial class YamlServersMerge
{
    /// <summary>The timeout (seconds) goose gives a command-line extension it adds itself.</summary>
    private const int Timeout = 300;

    public static MergeResult Merge(string text, McpClient client, IReadOnlyList<ServerEntry> entries, string file)
    {
        var key = client.ServersKey;
        using var model = YamlClientSyntax.Instance.Read(text, file);
        if (model.RootElement.ValueKind != JsonValueKind.Object)
            throw new ClientConfigException($"{file}: the file holds a YAML {(model.RootElement.ValueKind == JsonValueKind.Array ? "list" : "value")}, not a mapping. Fix or move it, then run mcpshim config again.");
        var servers = model.RootElement.TryGetProperty(key, out var found) ? found : default;

        var layout = new TextLayout(text);
        var unit = layout.IndentUnit.Contains('\t', StringComparison.Ordinal) ? "  " : layout.IndentUnit;
        var root = YamlOutline.Read(text);
        if (root is { Flow: true } || (root is not null && root.Members is null && root.Scalar is null))
            throw new ClientConfigException($"{file}: the file is written in flow style ({{...}}), which mcpshim does not edit. Write it one key per line, then run mcpshim config again.");

        var added = new List<string>();
        var replaced = new List<string>();
        var unchanged = new List<string>();
        var edits = new List<TextEdit>();
        var member = root?.Member(key);
        if (member is not { } existing)
        {
            added.AddRange(entries.Select(e => e.Name));
            var indent = root?.Members is [var first, ..] ? layout.IndentOfLineAt(first.Key.Begin) : string.Empty;
            var section = indent + key + ":" + layout.NewLine + Entries(entries, client, indent + unit, unit, layout.NewLine);
            edits.Add(root?.Members is { Count: > 0 } ? InsertAfterLine(text, root.End, section, layout) : Append(text, section, layout));
        }
        else if (existing.Value.Members is null || existing.Value.Flow)
        {
            // "extensions:" with nothing (or null, or {}) after it gets its first entries on the following lines.
            if (!IsEmpty(existing.Value))
                throw new ClientConfigException($"{file}: \"{key}\" is {(existing.Value.Flow ? "written on one line" : "not a mapping")}, which mcpshim does not edit. Write it one entry per line (as goose does), then run mcpshim config again.");
            added.AddRange(entries.Select(e => e.Name));
            var indent = layout.IndentOfLineAt(existing.Key.Begin) + unit;
            edits.Add(new TextEdit(existing.Key.End, existing.Value.End, ":" + layout.NewLine + Entries(entries, client, indent, unit, layout.NewLine).TrimEnd('\r', '\n')));
        }
        else
        {
            var extensions = existing.Value;
            var indent = layout.IndentOfLineAt(extensions.Members![0].Key.Begin);
            var toAdd = new List<ServerEntry>();
            foreach (var entry in entries)
            {
                if (extensions.Member(entry.Name) is not { } own)
                {
                    toAdd.Add(entry);
                    added.Add(entry.Name);
                }
                else if (ServersMerge.IsCurrent(servers.GetProperty(entry.Name), entry, client))
                {
                    unchanged.Add(entry.Name);
                }
                else
                {
                    edits.AddRange(Update(text, own.Value, servers.GetProperty(entry.Name), entry, client, layout, file));
                    replaced.Add(entry.Name);
                }
            }

            if (toAdd.Count > 0)
                edits.Add(InsertAfterLine(text, extensions.End, Entries(toAdd, client, indent, unit, layout.NewLine), layout));
        }

        var merged = new MergeResult(TextEdit.Apply(text, edits), added, replaced, unchanged);
        if (merged.Changed)
            MergeVerifier.Verify(text, merged.Text, client, entries, file);
        return merged;
    }

    /// <summary>A key or value: plain when YAML reads it back as that same string, else double-quoted.</summary>
    public static string Scalar(string value) =>
        PlainSafe().IsMatch(value) && !Reserved().IsMatch(value) ? value : DoubleQuoted.Of(value);

    /// <summary>The members of a new entry, one <c>key: value</c> each.</summary>
    public static IEnumerable<string> EntryLines(ServerEntry entry, McpClient client) =>
    [
        "type: stdio",
        "name: " + Scalar(entry.Name),
        "enabled: true",
        client.CommandKey + ": " + DoubleQuoted.Of(entry.Command),
        "args: " + Array(entry.Args),
        "envs: {}",
        "timeout: " + Timeout,
    ];

    private static string Array(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(DoubleQuoted.Of)) + "]";

    private static string Entries(IEnumerable<ServerEntry> entries, McpClient client, string indent, string unit, string newLine) =>
        string.Concat(entries.Select(e =>
            indent + Scalar(e.Name) + ":" + newLine + string.Concat(EntryLines(e, client).Select(l => indent + unit + l + newLine))));

    /// <summary>Rewrites <c>type</c>, <c>cmd</c> and <c>args</c> of an entry written one key per line; missing ones are added after its last line.</summary>
    private static List<TextEdit> Update(string text, YamlOutline value, JsonElement current, ServerEntry entry, McpClient client, TextLayout layout, string file)
    {
        if (current.ValueKind == JsonValueKind.Object)
        {
            if (ServersMerge.RemoteKeys.FirstOrDefault(k => current.TryGetProperty(k, out _)) is { } remote)
                throw ServersMerge.NotLocal(entry, remote, file);
            if (current.TryGetProperty("type", out var type) && type.GetString() != "stdio")
                throw ServersMerge.NotLocal(entry, "type: " + type.GetString(), file);
        }

        if (value.Members is not { Count: > 0 } members || value.Flow)
        {
            throw new ClientConfigException(
                $"{file}: the extension \"{entry.Name}\" needs updating but is not written one key per line, which mcpshim does not rewrite. " +
                $"Remove it (or rewrite it as goose does), then run mcpshim config again; or set it by hand to {client.CommandKey}: {DoubleQuoted.Of(entry.Command)}, args: {Array(entry.Args)}.");
        }

        var comments = YamlClientSyntax.CommentTokens(text);
        var edits = new List<TextEdit>();
        var missing = new List<string>();
        string[][] ownedKeys = [["type", "stdio"], [client.CommandKey, DoubleQuoted.Of(entry.Command)], ["args", Array(entry.Args)]];
        foreach (var pair in ownedKeys)
        {
            var (name, rendered) = (pair[0], pair[1]);
            if (value.Member(name) is not { } owned)
            {
                missing.Add(name + ": " + rendered);
                continue;
            }

            // From the end of the key to the end of the value: the colon, any line break and the old value go.
            if (comments.Any(c => c.Start >= owned.Key.End && c.Start < owned.Value.End))
            {
                throw new ClientConfigException(
                    $"{file}: the extension \"{entry.Name}\" needs updating but has comments inside its {name}, which mcpshim will not drop. " +
                    $"Remove those comments, then run mcpshim config again; or set it by hand to {client.CommandKey}: {DoubleQuoted.Of(entry.Command)}, args: {Array(entry.Args)}.");
            }

            edits.Add(new TextEdit(owned.Key.End, owned.Value.End, ": " + rendered));
        }

        if (missing.Count > 0)
        {
            var indent = layout.IndentOfLineAt(members[0].Key.Begin);
            edits.Add(InsertAfterLine(text, value.End, string.Concat(missing.Select(l => indent + l + layout.NewLine)), layout));
        }

        return edits;
    }

    /// <summary>Nothing, <c>~</c>, <c>null</c> or <c>{}</c>: a value that may become a mapping.</summary>
    private static bool IsEmpty(YamlOutline value) =>
        value.Members is { Count: 0 } || value.Scalar is { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" };

    /// <summary>Inserts whole lines after the line holding <paramref name="position"/> (or at it, when it starts a line).</summary>
    private static TextEdit InsertAfterLine(string text, int position, string lines, TextLayout layout)
    {
        if (position > 0 && text[position - 1] == '\n')
            return new TextEdit(position, position, lines);
        var lineEnd = text.IndexOf('\n', position);
        return lineEnd < 0 ? Append(text, lines, layout) : new TextEdit(lineEnd + 1, lineEnd + 1, lines);
    }

    private static TextEdit Append(string text, string lines, TextLayout layout) =>
        new(text.Length, text.Length, (text.Length == 0 || text.EndsWith('\n') ? string.Empty : layout.NewLine) + lines);

    [GeneratedRegex("^[A-Za-z_/][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex("^(true|false|null|yes|no|on|off|y|n)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();
}
