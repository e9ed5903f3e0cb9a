using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpShim.ClientConfig;

/// <summary>
/// The text of the entries mcpshim writes, laid out like the surrounding file: one key per line, <c>args</c> on one
/// line. Members of an existing entry mcpshim does not own (<c>env</c>, <c>disabled</c>, ...) are carried as raw text.
/// </summary>
internal static class EntryRenderer
{
    /// <summary><c>{ "NAME": {...}, ... }</c> with its members at <paramref name="indent"/> plus one unit.</summary>
    public static string ServersObject(IReadOnlyList<ServerEntry> entries, McpClient client, string indent, TextLayout layout)
    {
        var inner = indent + layout.IndentUnit;
        var members = entries.Select(e => inner + Member(e, client, [], inner, layout));
        return "{" + layout.NewLine + string.Join("," + layout.NewLine, members) + layout.NewLine + indent + "}";
    }

    /// <summary><c>"NAME": {...}</c>, its key at <paramref name="indent"/> (not written: the caller places it).</summary>
    public static string Member(ServerEntry entry, McpClient client, IReadOnlyList<string> extraMembers, string indent, TextLayout layout) =>
        Quote(entry.Name) + ": " + Value(entry, client, extraMembers, indent, layout);

    /// <summary>The entry's object, its closing brace at <paramref name="indent"/>.</summary>
    public static string Value(ServerEntry entry, McpClient client, IReadOnlyList<string> extraMembers, string indent, TextLayout layout)
    {
        var lines = new List<string>();
        if (client.NeedsStdioType)
            lines.Add("\"type\": \"stdio\"");
        lines.Add("\"command\": " + Quote(entry.Command));
        lines.Add("\"args\": [" + string.Join(", ", entry.Args.Select(Quote)) + "]");
        lines.AddRange(extraMembers);
        var inner = indent + layout.IndentUnit;
        return "{" + layout.NewLine + string.Join("," + layout.NewLine, lines.Select(l => inner + l)) + layout.NewLine + indent + "}";
    }

    /// <summary>A JSON string; non-ASCII letters in a path stay readable.</summary>
    public static string Quote(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            writer.WriteStringValue(value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
