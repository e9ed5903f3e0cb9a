using System.Text.Json;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace McpShim.ClientConfig;

/// <summary>TOML, for Codex's <c>config.toml</c>, read with Tomlyn's full-fidelity parser (comments and spacing kept as text).</summary>
internal sealed class TomlClientSyntax : IClientFileSyntax
{
    public static readonly TomlClientSyntax Instance = new();

    private TomlClientSyntax()
    {
    }

    public JsonDocument Read(string text, string file)
    {
        Parse(text, file);
        return TomlModel.Read(text);
    }

    /// <summary>The syntax tree of a valid TOML text; an invalid one is refused saying where.</summary>
    public static DocumentSyntax Parse(string text, string file)
    {
        var document = SyntaxParser.Parse(text, file, validate: true);
        if (document.HasErrors && document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error) is { } error)
        {
            throw new ClientConfigException(
                $"{file}: not valid TOML at line {error.Span.Start.Line + 1}, column {error.Span.Start.Column + 1} ({error.Message.TrimEnd('.')}). " +
                "Fix the file (or restore a backup), then run mcpshim config again.");
        }

        return document;
    }

    public IReadOnlyList<string> Comments(string text) => [.. CommentTokens(text).Select(c => c.Text)];

    /// <summary>Each comment's text and where it starts.</summary>
    public static List<CommentSpan> CommentTokens(string text)
    {
        var comments = new List<CommentSpan>();
        var lexer = TomlLexer.Create(text);
        while (lexer.MoveNext())
        {
            var token = lexer.Current;
            if (token.Kind == TokenKind.Comment)
                comments.Add(new CommentSpan(lexer.GetText(in token) ?? string.Empty, token.Start.Offset));
        }

        return comments;
    }

    public MergeResult Merge(string text, McpClient client, IReadOnlyList<ServerEntry> entries, string file) =>
        TomlServersMerge.Merge(text, client, entries, file);

    public string Example(ServerEntry entry, McpClient client) =>
        $"[{client.ServersKey}.{TomlServersMerge.Key(entry.Name)}] with command = {DoubleQuoted.Of(entry.Command)} and args = {TomlServersMerge.Array(entry.Args)}";
}
