namespace McpShim.ClientConfig;

/// <summary>What a <see cref="JsoncToken"/> is. Whitespace is not a token: it stays in the text between them.</summary>
internal enum JsoncTokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Colon,
    Comma,
    String,

    /// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    Literal,
    LineComment,
    BlockComment,
}
