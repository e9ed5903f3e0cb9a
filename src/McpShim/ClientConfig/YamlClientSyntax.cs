using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace McpShim.ClientConfig;

/// <summary>
/// YAML, for goose's <c>config.yaml</c>, read with YamlDotNet's parser (no object mapping, so AOT-safe). Its data
/// becomes JSON with every scalar a string: enough to compare, and mcpshim's own values are strings.
/// </summary>
internal sealed class YamlClientSyntax : IClientFileSyntax
{
    public static readonly YamlClientSyntax Instance = new();

    /// <summary>Deeper than any client file: an alias that refers to its own ancestor would never end.</summary>
    private const int MaxDepth = 64;

    private YamlClientSyntax()
    {
    }

    public JsonDocument Read(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var reason = ex.Message.Split("): ", 2)[^1].TrimEnd('.');
            throw new ClientConfigException(
                $"{file}: not valid YAML at line {ex.Start.Line}, column {ex.Start.Column} ({reason}). Fix the file (or restore a backup), then run mcpshim config again.", ex);
        }

        if (stream.Documents.Count > 1)
            throw new ClientConfigException($"{file}: holds {stream.Documents.Count} YAML documents (--- separators), where a client reads one. Keep one, then run mcpshim config again.");
        var root = stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain }
            ? new JsonObject()
            : ToJson(stream.Documents[0].RootNode, file, 0);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            root.WriteTo(writer);
        return JsonDocument.Parse(buffer.ToArray());
    }

    public IReadOnlyList<string> Comments(string text) => [.. CommentTokens(text).Select(c => c.Text)];

    /// <summary>Each comment's text (after the <c>#</c>) and where it starts.</summary>
    public static List<CommentSpan> CommentTokens(string text)
    {
        var comments = new List<CommentSpan>();
        var scanner = new Scanner(new StringReader(text), skipComments: false);
        try
        {
            while (scanner.MoveNext())
            {
                if (scanner.Current is YamlDotNet.Core.Tokens.Comment comment)
                    comments.Add(new CommentSpan(comment.Value, checked((int)comment.Start.Index)));
            }
        }
        catch (YamlException)
        {
            // Only a text that does not parse gets here, and the merge refuses it for that before comparing comments.
            comments.Add(new CommentSpan("(unreadable)", -1));
        }

        return comments;
    }

    public MergeResult Merge(string text, McpClient client, IReadOnlyList<ServerEntry> entries, string file) =>
        YamlServersMerge.Merge(text, client, entries, file);

    public string Example(ServerEntry entry, McpClient client) =>
        $"{client.ServersKey}: {{ {YamlServersMerge.Scalar(entry.Name)}: {{ {string.Join(", ", YamlServersMerge.EntryLines(entry, client))} }} }}";

    private static JsonNode ToJson(YamlNode node, string file, int depth)
    {
        if (depth > MaxDepth)
            throw new ClientConfigException($"{file}: nests deeper than {MaxDepth} levels (an alias that refers to itself?). Fix it, then run mcpshim config again.");
        switch (node)
        {
            case YamlMappingNode mapping:
                var result = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                        throw new ClientConfigException($"{file}: line {key.Start.Line} has a key that is not a plain value, which mcpshim does not edit. Add the entries by hand.");
                    result[name] = ToJson(value, file, depth + 1);
                }

                return result;
            case YamlSequenceNode sequence:
                var items = new JsonArray();
                foreach (var item in sequence.Children)
                    items.Add(ToJson(item, file, depth + 1));
                return items;
            default:
                return JsonValue.Create(((YamlScalarNode)node).Value ?? string.Empty)!;
        }
    }
}
