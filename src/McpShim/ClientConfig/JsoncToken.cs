namespace McpShim.ClientConfig;

/// <summary>A token of a JSONC text, by position: <c>text[Start..End]</c>.</summary>
internal readonly record struct JsoncToken(JsoncTokenKind Kind, int Start, int End)
{
    public bool IsComment => Kind is JsoncTokenKind.LineComment or JsoncTokenKind.BlockComment;

    public string TextOf(string text) => text[Start..End];
}
