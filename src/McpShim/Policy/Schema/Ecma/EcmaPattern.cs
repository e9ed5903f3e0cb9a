using System.Text;

namespace McpShim.Policy.Schema.Ecma;

/// <summary>
/// Translates a JSON Schema <c>pattern</c> (an ECMA-262 regular expression; JSON Schema 2020-12 asks for the u flag)
/// into a .NET regular expression that accepts exactly the same strings (issue 13: in .NET, <c>^[a-z]+$</c> accepts
/// <c>"abc\n"</c>, in JavaScript it does not). Everything is spelt out rather than left to .NET's meaning:
/// <list type="bullet">
/// <item><c>^</c> and <c>$</c> are the start and end of the text only (<c>\A</c>, <c>\z</c>);</item>
/// <item><c>.</c> is any code point but <c>\n</c>, <c>\r</c>, U+2028, U+2029; <c>\d</c>, <c>\w</c>, <c>\b</c> are
/// ASCII; <c>\s</c> is ECMA-262's white space (U+FEFF in, U+0085 out); <c>\p{...}</c> for General_Category;</item>
/// <item>matching goes by code point: <c>.</c>, <c>[^a]</c> and <c>\S</c> match a whole surrogate pair, a class
/// may hold characters outside the BMP, and no match starts inside a pair;</item>
/// <item>lookahead and lookbehind, groups (named or not), alternation, greedy and lazy quantifiers.</item>
/// </list>
/// Refused (the pattern is then reported as not checked, never checked otherwise than JavaScript would):
/// backreferences (<c>\1</c>, <c>\k&lt;name&gt;</c>: JavaScript and .NET differ on groups that did not take part),
/// properties other than General_Category (scripts, most binary properties), pattern modifiers (<c>(?i:...)</c>),
/// group names that are not ASCII identifiers, and anything that is a syntax error with the u flag (<c>\a</c>,
/// a lone <c>{</c> or <c>]</c>, <c>(?i)</c>, <c>\Z</c>, Python's <c>(?P&lt;name&gt;...)</c>, ...).
/// </summary>
internal sealed class EcmaPattern
{
    // No match may start between the two halves of a surrogate pair: in ECMA-262 (u flag) that is no position.
    private const string NotInsideAPair = "(?!(?<=[\\uD800-\\uDBFF])[\\uDC00-\\uDFFF])";
    private const string WordClass = "[0-9A-Z_a-z]";

    private readonly string _source;
    private readonly bool _surrogateFree;
    private readonly HashSet<string> _groupNames = new(StringComparer.Ordinal);
    private int _at;

    private EcmaPattern(string source, bool surrogateFree)
    {
        _source = source;
        _surrogateFree = surrogateFree;
    }

    /// <summary>
    /// The .NET pattern; throws <see cref="EcmaPatternException"/> saying what cannot be translated. With
    /// <paramref name="surrogateFree"/> it is only right for texts without surrogates (no character beyond the BMP),
    /// and much faster on them: each character atom is one plain class (<see cref="EcmaRegex"/> picks).
    /// </summary>
    public static string Translate(string pattern, bool surrogateFree = false)
    {
        var parser = new EcmaPattern(pattern, surrogateFree);
        var translated = new StringBuilder();
        var anchored = parser.Disjunction(translated);
        if (parser._at < pattern.Length)
            throw parser.Error(parser.Peek == ')' ? "unmatched ')'" : $"unexpected '{parser.Peek}'");
        // A pattern anchored at the start only ever starts at 0, never inside a pair; without the guard in front,
        // .NET sees the anchor and tries no other start.
        return surrogateFree || anchored ? translated.ToString() : NotInsideAPair + translated;
    }

    private char Peek => _source[_at];

    private bool AtEnd => _at >= _source.Length;

    /// <returns>Whether every alternative starts with <c>^</c>.</returns>
    private bool Disjunction(StringBuilder output)
    {
        var anchored = Alternative(output);
        while (!AtEnd && Peek == '|')
        {
            _at++;
            output.Append('|');
            anchored &= Alternative(output);
        }

        return anchored;
    }

    /// <returns>Whether it starts with <c>^</c>.</returns>
    private bool Alternative(StringBuilder output)
    {
        var anchored = !AtEnd && Peek == '^';
        while (!AtEnd && Peek is not ('|' or ')'))
            Term(output);
        return anchored;
    }

    private void Term(StringBuilder output)
    {
        var start = _at;
        if (Assertion() is { } assertion)
        {
            // With the u flag no assertion takes a quantifier, lookaheads included.
            if (!AtEnd && Peek is '*' or '+' or '?' or '{')
                throw Error($"nothing to repeat at '{_source[start.._at]}'");
            output.Append(assertion);
            return;
        }

        output.Append(Atom());
        Quantifier(output);
    }

    /// <summary>An assertion's .NET text, or null when the next term is no assertion.</summary>
    private string? Assertion()
    {
        if (Peek == '^')
        {
            _at++;
            return "\\A";
        }

        if (Peek == '$')
        {
            _at++;
            return "\\z";
        }

        if (Rest.StartsWith("\\b", StringComparison.Ordinal) || Rest.StartsWith("\\B", StringComparison.Ordinal))
        {
            var boundary = _source[_at + 1] == 'b';
            _at += 2;
            return boundary
                ? $"(?:(?<={WordClass})(?!{WordClass})|(?<!{WordClass})(?={WordClass}))"
                : $"(?:(?<={WordClass})(?={WordClass})|(?<!{WordClass})(?!{WordClass}))";
        }

        foreach (var look in (string[])["(?=", "(?!", "(?<=", "(?<!"])
        {
            if (!Rest.StartsWith(look, StringComparison.Ordinal))
                continue;
            _at += look.Length;
            var inner = new StringBuilder(look);
            Disjunction(inner);
            Expect(')');
            return inner.Append(')').ToString();
        }

        return null;
    }

    private ReadOnlySpan<char> Rest => _source.AsSpan(_at);

    private string Atom()
    {
        var c = Peek;
        switch (c)
        {
            case '.':
                _at++;
                return EcmaCharacterSets.Dot.ToDotNet(_surrogateFree);
            case '[':
                return CharacterClass().ToDotNet(_surrogateFree);
            case '(':
                return Group();
            case '\\':
                _at++;
                return AtomEscape();
            case '*' or '+' or '?':
                throw Error($"nothing to repeat before '{c}'");
            case '{' or '}' or ']':
                throw Error($"a lone '{c}' (with the u flag it must be escaped: \\{c})");
            default:
                return CodePointSet.Single(NextCodePoint()).ToDotNet(_surrogateFree);
        }
    }

    private string Group()
    {
        _at++; // (
        var inner = new StringBuilder("(?:");
        if (Rest.StartsWith("?:", StringComparison.Ordinal))
        {
            _at += 2;
        }
        else if (Rest.StartsWith("?<", StringComparison.Ordinal))
        {
            _at += 2;
            var end = _source.IndexOf('>', _at);
            var name = end < 0 ? string.Empty : _source[_at..end];
            if (name.Length == 0 || !IsAsciiIdentifier(name))
                throw Error("a group name mcpshim cannot read (it reads ASCII identifiers)");
            if (!_groupNames.Add(name))
                throw Error($"the group name '{name}' twice");
            _at = end + 1;
        }
        else if (!AtEnd && Peek == '?')
        {
            throw Error($"'(?{(_at + 1 < _source.Length ? _source[_at + 1] : ' ')}' is not a group ECMA-262 has, or one mcpshim checks (modifiers such as (?i:...))");
        }

        // Groups capture nothing here: without backreferences, what they captured never changes a match.
        Disjunction(inner);
        Expect(')');
        return inner.Append(')').ToString();
    }

    private void Quantifier(StringBuilder output)
    {
        if (AtEnd)
            return;
        switch (Peek)
        {
            case '*' or '+' or '?':
                output.Append(Peek);
                _at++;
                break;
            case '{':
                var close = _source.IndexOf('}', _at);
                var body = close < 0 ? string.Empty : _source[(_at + 1)..close];
                var parts = body.Split(',');
                if (parts.Length is < 1 or > 2 || !IsCount(parts[0]) || (parts.Length == 2 && parts[1].Length > 0 && !IsCount(parts[1])))
                    throw Error("a '{' that is not a quantifier {n}, {n,} or {n,m} (with the u flag a literal '{' must be escaped)");
                var min = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
                if (parts.Length == 2 && parts[1].Length > 0 && int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) < min)
                    throw Error($"the quantifier {{{body}}} has its numbers out of order");
                output.Append('{').Append(body).Append('}');
                _at = close + 1;
                break;
            default:
                return;
        }

        if (!AtEnd && Peek == '?')
        {
            output.Append('?');
            _at++;
        }
    }

    private static bool IsCount(string digits) =>
        digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit);

    private string AtomEscape()
    {
        if (AtEnd)
            throw Error("a '\\' at the end");
        var c = Peek;
        if (c is >= '1' and <= '9' || c == 'k')
            throw Error("a backreference (JavaScript and .NET disagree on groups that did not take part)");
        if (ClassEscape() is { } set)
            return set.ToDotNet(_surrogateFree);
        return CodePointSet.Single(CharacterEscape(inClass: false)).ToDotNet(_surrogateFree);
    }

    /// <summary><c>\d \D \s \S \w \W \p{..} \P{..}</c> after the backslash, or null for another escape.</summary>
    private CodePointSet? ClassEscape()
    {
        var c = Peek;
        CodePointSet? set = c switch
        {
            'd' => EcmaCharacterSets.Digits,
            'D' => EcmaCharacterSets.Digits.Complement(),
            's' => EcmaCharacterSets.Space,
            'S' => EcmaCharacterSets.Space.Complement(),
            'w' => EcmaCharacterSets.Word,
            'W' => EcmaCharacterSets.Word.Complement(),
            _ => null,
        };
        if (set is not null)
        {
            _at++;
            return set;
        }

        if (c is not ('p' or 'P'))
            return null;
        _at++;
        var close = !AtEnd && Peek == '{' ? _source.IndexOf('}', _at) : -1;
        if (close < 0)
            throw Error($"\\{c} needs a property in braces, such as \\{c}{{L}}");
        var expression = _source[(_at + 1)..close];
        var property = EcmaCharacterSets.Property(expression)
                       ?? throw Error($"the property \\{c}{{{expression}}} (mcpshim checks General_Category values, Any and ASCII)");
        _at = close + 1;
        return c == 'p' ? property : property.Complement();
    }

    /// <summary>A CharacterEscape after the backslash (u flag): the code point it stands for.</summary>
    private int CharacterEscape(bool inClass)
    {
        var c = Peek;
        _at++;
        switch (c)
        {
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return '\v';
            case 'b' when inClass: return '\b';
            case '-' when inClass: return '-';
            case 'c' when !AtEnd && char.IsAsciiLetter(Peek):
                return _source[_at++] % 32;
            case '0' when AtEnd || !char.IsAsciiDigit(Peek):
                return 0;
            case 'x':
                return Hex(2);
            case 'u':
                return UnicodeEscape();
            case '^' or '$' or '\\' or '.' or '*' or '+' or '?' or '(' or ')' or '[' or ']' or '{' or '}' or '|' or '/':
                return c;
            default:
                _at--;
                throw Error($"'\\{c}' is no escape in ECMA-262 with the u flag");
        }
    }

    /// <summary><c>\uXXXX</c>, a pair of them making one astral code point, or <c>\u{X...}</c>.</summary>
    private int UnicodeEscape()
    {
        if (!AtEnd && Peek == '{')
        {
            var close = _source.IndexOf('}', _at);
            var digits = close < 0 ? string.Empty : _source[(_at + 1)..close];
            if (digits.Length == 0 || !digits.All(char.IsAsciiHexDigit)
                || !int.TryParse(digits, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var codePoint)
                || codePoint > CodePointSet.MaxCodePoint)
            {
                throw Error("a \\u{...} escape that is no code point");
            }

            _at = close + 1;
            return codePoint;
        }

        var unit = Hex(4);
        if (unit is >= 0xD800 and <= 0xDBFF && Rest.StartsWith("\\u", StringComparison.Ordinal))
        {
            var save = _at;
            _at += 2;
            if (TryHex(4) is { } low and >= 0xDC00 and <= 0xDFFF)
                return char.ConvertToUtf32((char)unit, (char)low);
            _at = save;
        }

        return unit;
    }

    private int Hex(int length) => TryHex(length) ?? throw Error($"an escape that needs {length} hex digits");

    private int? TryHex(int length)
    {
        if (_at + length > _source.Length)
            return null;
        var digits = _source.Substring(_at, length);
        if (!digits.All(char.IsAsciiHexDigit))
            return null;
        _at += length;
        return Convert.ToInt32(digits, 16);
    }

    private CodePointSet CharacterClass()
    {
        _at++; // [
        var negated = !AtEnd && Peek == '^';
        if (negated)
            _at++;
        var set = CodePointSet.Empty;
        while (true)
        {
            if (AtEnd)
                throw Error("a '[' without its ']'");
            if (Peek == ']')
            {
                _at++;
                break;
            }

            var (from, fromSet) = ClassAtom();
            if (!AtEnd && Peek == '-' && _at + 1 < _source.Length && _source[_at + 1] != ']')
            {
                _at++; // -
                var (to, toSet) = ClassAtom();
                if (fromSet is not null || toSet is not null)
                    throw Error("a range with a class escape at one end, such as [\\d-z]");
                if (to < from)
                    throw Error("a range out of order in a character class");
                set = set.Union(CodePointSet.Of([(from, to)]));
            }
            else
            {
                set = set.Union(fromSet ?? CodePointSet.Single(from));
            }
        }

        return negated ? set.Complement() : set;
    }

    /// <summary>One atom of a class: a code point, or a set for a class escape.</summary>
    private (int CodePoint, CodePointSet? Set) ClassAtom()
    {
        if (Peek != '\\')
            return (NextCodePoint(), null);
        _at++;
        if (AtEnd)
            throw Error("a '\\' at the end");
        if (ClassEscape() is { } set)
            return (-1, set);
        if (char.IsAsciiDigit(Peek) && Peek != '0')
            throw Error("a backreference-like escape in a class (a syntax error with the u flag)");
        return (CharacterEscape(inClass: true), null);
    }

    /// <summary>The next code point of the source (a surrogate pair in it is one).</summary>
    private int NextCodePoint()
    {
        var c = _source[_at++];
        if (char.IsHighSurrogate(c) && !AtEnd && char.IsLowSurrogate(Peek))
            return char.ConvertToUtf32(c, _source[_at++]);
        return c;
    }

    private void Expect(char c)
    {
        if (AtEnd || Peek != c)
            throw Error($"a missing '{c}'");
        _at++;
    }

    private static bool IsAsciiIdentifier(string name) =>
        (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '$');

    private EcmaPatternException Error(string what) => new($"{what} at offset {Math.Min(_at, _source.Length)}");
}
