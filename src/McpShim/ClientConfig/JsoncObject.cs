using System.Text.Json;

namespace McpShim.ClientConfig;

/// <summary>
/// An object of a tokenized JSONC text: where its braces are and its members, in order. Nested values are skipped,
/// not read: only the object being edited needs its members.
/// </summary>
internal sealed class JsoncObject
{
    private JsoncObject(int open, int close, IReadOnlyList<JsoncMember> members)
    {
        Open = open;
        Close = close;
        Members = members;
    }

    /// <summary>Token index of <c>{</c>.</summary>
    public int Open { get; }

    /// <summary>Token index of <c>}</c>.</summary>
    public int Close { get; }

    public IReadOnlyList<JsoncMember> Members { get; }

    /// <summary>Reads the object whose <c>{</c> is token <paramref name="open"/>. The text is valid JSONC (checked before).</summary>
    public static JsoncObject Read(string text, IReadOnlyList<JsoncToken> tokens, int open)
    {
        var members = new List<JsoncMember>();
        var i = Next(tokens, open);
        while (tokens[i].Kind != JsoncTokenKind.CloseBrace)
        {
            var key = i;
            var colon = Next(tokens, key);
            var first = Next(tokens, colon);
            var last = SkipValue(tokens, first);
            var after = Next(tokens, last);
            int? comma = tokens[after].Kind == JsoncTokenKind.Comma ? after : null;
            members.Add(new JsoncMember(DecodeString(tokens[key].TextOf(text)), key, first, last, comma));
            i = comma is { } c ? Next(tokens, c) : after;
        }

        return new JsoncObject(open, i, members);
    }

    /// <summary>The next token after <paramref name="i"/> that is not a comment.</summary>
    public static int Next(IReadOnlyList<JsoncToken> tokens, int i)
    {
        for (i++; i < tokens.Count; i++)
        {
            if (!tokens[i].IsComment)
                return i;
        }

        throw new InvalidOperationException("unexpected end of a JSONC text that was validated");
    }

    /// <summary>The first token that is not a comment, or -1 when there is none.</summary>
    public static int First(IReadOnlyList<JsoncToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsComment)
                return i;
        }

        return -1;
    }

    /// <summary>The last token of the value that starts at <paramref name="first"/>.</summary>
    public static int SkipValue(IReadOnlyList<JsoncToken> tokens, int first)
    {
        if (tokens[first].Kind is not (JsoncTokenKind.OpenBrace or JsoncTokenKind.OpenBracket))
            return first;
        var depth = 0;
        for (var i = first; i < tokens.Count; i++)
        {
            switch (tokens[i].Kind)
            {
                case JsoncTokenKind.OpenBrace or JsoncTokenKind.OpenBracket:
                    depth++;
                    break;
                case JsoncTokenKind.CloseBrace or JsoncTokenKind.CloseBracket:
                    if (--depth == 0)
                        return i;
                    break;
            }
        }

        throw new InvalidOperationException("unbalanced brackets in a JSONC text that was validated");
    }

    private static string DecodeString(string quoted)
    {
        using var document = JsonDocument.Parse(quoted);
        return document.RootElement.GetString()!;
    }
}
