using System.Text.Json;

namespace McpShim.ClientConfig;

/// <summary>JSON with comments and trailing commas (VS Code's JSONC), the language of every client file but Codex's and goose's.</summary>
internal sealed class JsonClientSyntax : IClientFileSyntax
{
    public static readonly JsonClientSyntax Instance = new();

    private JsonClientSyntax()
    {
    }

    public JsonDocument Read(string text, string file) => ServersMerge.Parse(text, file);

    public IReadOnlyList<string> Comments(string text) =>
        [.. JsoncTokenizer.Tokenize(text).Where(t => t.IsComment).Select(t => t.TextOf(text))];

    public MergeResult Merge(string text, McpClient client, IReadOnlyList<ServerEntry> entries, string file) =>
        ServersMerge.Merge(text, client, entries, file);

    public string Example(ServerEntry entry, McpClient client) =>
        $"{EntryRenderer.Quote(entry.Name)}: {{ {(client.NeedsStdioType ? "\"type\": \"stdio\", " : string.Empty)}\"command\": {EntryRenderer.Quote(entry.Command)}, " +
        $"\"args\": [{string.Join(", ", entry.Args.Select(EntryRenderer.Quote))}] }}";
}
