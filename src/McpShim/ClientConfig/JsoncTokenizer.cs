namespace McpShim.ClientConfig;

/// <summary>
/// Splits JSON with comments (VS Code's and Cursor's JSONC) into tokens, keeping comments as tokens so an edit can
/// place text around them and prove afterwards that every one survived. It does not validate: the file has already
/// been read with <see cref="System.Text.Json.Utf8JsonReader"/> before it is tokenized.
/// </summary>
internal static class JsoncTokenizer
{
    public static List<JsoncToken> Tokenize(string text)
    {
        var tokens = new List<JsoncToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
                continue;
            }

            var start = i;
            var kind = c switch
            {
                '{' => JsoncTokenKind.OpenBrace,
                '}' => JsoncTokenKind.CloseBrace,
                '[' => JsoncTokenKind.OpenBracket,
                ']' => JsoncTokenKind.CloseBracket,
                ':' => JsoncTokenKind.Colon,
                ',' => JsoncTokenKind.Comma,
                '"' => JsoncTokenKind.String,
                '/' when At(text, i + 1) == '/' => JsoncTokenKind.LineComment,
                '/' when At(text, i + 1) == '*' => JsoncTokenKind.BlockComment,
                _ => JsoncTokenKind.Literal,
            };
            i = kind switch
            {
                JsoncTokenKind.String => EndOfString(text, i),
                JsoncTokenKind.LineComment => EndOfLine(text, i),
                JsoncTokenKind.BlockComment => EndOfBlockComment(text, i),
                JsoncTokenKind.Literal => EndOfLiteral(text, i),
                _ => i + 1,
            };
            tokens.Add(new JsoncToken(kind, start, i));
        }

        return tokens;
    }

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    private static int EndOfString(string text, int i)
    {
        for (i++; i < text.Length; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == '"')
                return i + 1;
        }

        return text.Length;
    }

    /// <summary>A line comment ends before the line break (CR or LF), which stays whitespace.</summary>
    private static int EndOfLine(string text, int i)
    {
        var end = text.IndexOfAny(['\n', '\r'], i);
        return end < 0 ? text.Length : end;
    }

    private static int EndOfBlockComment(string text, int i)
    {
        var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + 2;
    }

    private static int EndOfLiteral(string text, int i)
    {
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && "{}[]:,\"/".IndexOf(text[i]) < 0)
            i++;
        return i;
    }
}
