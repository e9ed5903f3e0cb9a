using System.Text.Json;

namespace McpShim.ClientConfig;

/// <summary>
/// A client file's language (JSON with comments, TOML or YAML): how mcpshim reads its data, finds its comments, and
/// merges entries into its text. Every merge edits text only where the entries go, so the rest stays byte for byte.
/// </summary>
internal interface IClientFileSyntax
{
    /// <summary>The file's data as JSON (tables and mappings become objects); throws <see cref="ClientConfigException"/> saying where it is broken.</summary>
    JsonDocument Read(string text, string file);

    /// <summary>Every comment of the text, in order: a merge must keep them all.</summary>
    IReadOnlyList<string> Comments(string text);

    MergeResult Merge(string text, McpClient client, IReadOnlyList<ServerEntry> entries, string file);

    /// <summary>One entry as a user would type it by hand, for messages that ask them to.</summary>
    string Example(ServerEntry entry, McpClient client);
}
