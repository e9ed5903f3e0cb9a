using System.Text.Json;

namespace McpShim.ClientConfig;

/// <summary>How client files are read: comments skipped and trailing commas allowed, as VS Code and Cursor do.</summary>
internal static class JsoncOptions
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static JsonDocument Parse(string text) => JsonDocument.Parse(text, Options);
}
