using System.Text;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// RFC 8259 JSON into a <see cref="TreeNode"/> that keeps duplicate keys, with each reader's departures
/// (<see cref="TreeParserOptions"/>). Works on decoded text: each reader decodes bytes its own way first.
/// </summary>
internal sealed class TreeParser(string text, TreeParserOptions options)
{
    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';

    /// <summary>One value that must fill the text but for surrounding whitespace (JSON.parse, json.loads).</summary>
    public static TreeNode ParseDocument(string text, TreeParserOptions options)
    {
        var parser = new TreeParser(text, options);
        var (value, end) = parser.ParseValue(0);
        end = parser.SkipWhitespace(end);
        if (end != text.Length)
            throw new TreeSyntaxException($"unexpected '{text[end]}' after the value at {end}");
        return value;
    }

    public int SkipWhitespace(int i)
    {
        while (i < text.Length && IsWhitespace(text[i]))
            i++;
        return i;
    }

    /// <summary>The value starting at or after <paramref name="start"/> (whitespace skipped) and the index after it.</summary>
    public (TreeNode Value, int End) ParseValue(int start) => Value(SkipWhitespace(start), 0);

    private (TreeNode, int) Value(int i, int depth)
    {
        var c = At(i);
        switch (c)
        {
            case '{':
                return Object(i + 1, depth + 1);
            case '[':
                return Array(i + 1, depth + 1);
            case '"':
                var (s, end) = String(i + 1);
                return (new TreeString(s), end);
            case '-' or (>= '0' and <= '9'):
                return Number(i);
        }
        foreach (var word in (ReadOnlySpan<string>)["true", "false", "null"])
        {
            if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0)
                return (new TreeLiteral(word), i + word.Length);
        }
        if (options.AllowNonFinite)
        {
            foreach (var word in (ReadOnlySpan<string>)["NaN", "Infinity"])
            {
                if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0)
                    return (new TreeNumber(word), i + word.Length);
            }
        }
        throw new TreeSyntaxException($"unexpected '{c}' at {i}, looking for a value");
    }

    private (TreeNode, int) Object(int i, int depth)
    {
        CheckDepth(depth);
        var members = new List<TreeMember>();
        i = SkipWhitespace(i);
        if (At(i) == '}')
            return (new TreeObject(members), i + 1);
        while (true)
        {
            i = SkipWhitespace(i);
            if (At(i) != '"')
                throw new TreeSyntaxException($"expected a key at {i}");
            var (key, afterKey) = String(i + 1);
            i = SkipWhitespace(afterKey);
            if (At(i) != ':')
                throw new TreeSyntaxException($"expected ':' at {i}");
            var (value, afterValue) = Value(SkipWhitespace(i + 1), depth);
            members.Add(new TreeMember(key, value));
            i = SkipWhitespace(afterValue);
            var c = At(i);
            if (c == ',')
            {
                i++;
                continue;
            }
            if (c == '}')
                return (new TreeObject(members), i + 1);
            throw new TreeSyntaxException($"expected ',' or '}}' at {i}");
        }
    }

    private (TreeNode, int) Array(int i, int depth)
    {
        CheckDepth(depth);
        var items = new List<TreeNode>();
        i = SkipWhitespace(i);
        if (At(i) == ']')
            return (new TreeArray(items), i + 1);
        while (true)
        {
            var (item, end) = Value(SkipWhitespace(i), depth);
            items.Add(item);
            i = SkipWhitespace(end);
            var c = At(i);
            if (c == ',')
            {
                i++;
                continue;
            }
            if (c == ']')
                return (new TreeArray(items), i + 1);
            throw new TreeSyntaxException($"expected ',' or ']' at {i}");
        }
    }

    private (string, int) String(int i)
    {
        var builder = new StringBuilder();
        while (true)
        {
            var c = At(i);
            if (c == '"')
                return (builder.ToString(), i + 1);
            if (c < 0x20)
                throw new TreeSyntaxException($"control character U+{(int)c:X4} in a string at {i}");
            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }
            var escape = At(i + 1);
            var simple = escape switch
            {
                '"' => '"', '\\' => '\\', '/' => '/', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t',
                _ => '\0',
            };
            if (simple != '\0')
            {
                builder.Append(simple);
                i += 2;
                continue;
            }
            if (escape != 'u')
                throw new TreeSyntaxException($"invalid escape '\\{escape}' at {i}");
            var unit = Hex4(i + 2);
            i += 6;
            if (!options.ReplaceLoneSurrogates || !char.IsSurrogate(unit))
            {
                builder.Append(unit);
                continue;
            }
            // Go: a high surrogate followed by an escaped low one makes a pair; anything else is U+FFFD.
            if (char.IsHighSurrogate(unit) && i + 6 <= text.Length && text[i] == '\\' && text[i + 1] == 'u'
                && char.IsLowSurrogate(Hex4(i + 2)))
            {
                builder.Append(unit).Append(Hex4(i + 2));
                i += 6;
                continue;
            }
            builder.Append('\uFFFD');
        }
    }

    private char Hex4(int i)
    {
        if (i + 4 > text.Length || !int.TryParse(text.AsSpan(i, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var unit))
            throw new TreeSyntaxException($"invalid \\u escape at {i}");
        return (char)unit;
    }

    private (TreeNode, int) Number(int i)
    {
        var start = i;
        if (At(i) == '-')
        {
            i++;
            if (options.AllowNonFinite && string.CompareOrdinal(text, i, "Infinity", 0, 8) == 0)
                return (new TreeNumber("-Infinity"), i + 8);
        }
        if (At(i) == '0')
            i++;
        else if (At(i) is >= '1' and <= '9')
            i = Digits(i);
        else
            throw new TreeSyntaxException($"invalid number at {start}");
        if (i < text.Length && text[i] == '.')
        {
            if (!IsDigit(i + 1))
                throw new TreeSyntaxException($"a digit must follow the decimal point at {i}");
            i = Digits(i + 1);
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
                i++;
            if (!IsDigit(i))
                throw new TreeSyntaxException($"a digit must follow the exponent at {i}");
            i = Digits(i);
        }
        return (new TreeNumber(text[start..i]), i);
    }

    private int Digits(int i)
    {
        while (IsDigit(i))
            i++;
        return i;
    }

    private bool IsDigit(int i) => i < text.Length && text[i] is >= '0' and <= '9';

    private char At(int i) =>
        i < text.Length ? text[i] : throw new TreeSyntaxException("unexpected end of input");

    private void CheckDepth(int depth)
    {
        if (depth > options.MaxDepth)
            throw new TreeSyntaxException($"nesting deeper than {options.MaxDepth}");
    }
}
