using System.Collections.Concurrent;
using System.Globalization;

namespace McpShim.Policy.Schema.Ecma;

/// <summary>
/// The character sets of ECMA-262 (with the u flag, without i): <c>\d</c> and <c>\w</c> are ASCII only (.NET's are
/// Unicode), <c>\s</c> is WhiteSpace and LineTerminator (.NET's adds U+0085 and lacks U+FEFF), <c>.</c> is all but
/// the four line terminators (.NET's is all but <c>\n</c>), and <c>\p{...}</c> for General_Category values, taken
/// from .NET's Unicode tables (which may be a Unicode version apart from a given JavaScript engine's).
/// </summary>
internal static class EcmaCharacterSets
{
    private static readonly ConcurrentDictionary<string, CodePointSet> Categories = new(StringComparer.Ordinal);

    public static CodePointSet Digits { get; } = CodePointSet.Of([('0', '9')]);

    public static CodePointSet Word { get; } = CodePointSet.Of([('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]);

    public static CodePointSet Space { get; } = CodePointSet.Of(
    [
        ('\t', '\r'), (' ', ' '), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
        (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF),
    ]);

    public static CodePointSet LineTerminators { get; } = CodePointSet.Of([('\n', '\n'), ('\r', '\r'), (0x2028, 0x2029)]);

    /// <summary><c>.</c> without the s flag: any code point but a line terminator.</summary>
    public static CodePointSet Dot { get; } = LineTerminators.Complement();

    /// <summary>
    /// The set of <c>\p{name}</c> (or <c>\p{gc=name}</c>, <c>\p{General_Category=name}</c>), or null when mcpshim
    /// does not know the property (scripts, binary properties but Any and ASCII): such a pattern is not checked.
    /// </summary>
    public static CodePointSet? Property(string expression)
    {
        var (name, value) = expression.IndexOf('=', StringComparison.Ordinal) is var at and >= 0
            ? (expression[..at], expression[(at + 1)..])
            : (null, expression);
        if (name is not (null or "gc" or "General_Category"))
            return null;
        if (name is null && value == "Any")
            return CodePointSet.All;
        if (name is null && value == "ASCII")
            return CodePointSet.Of([(0, 0x7F)]);
        return ShortCategoryName(value) is { } category ? Categories.GetOrAdd(category, Build) : null;
    }

    private static string? ShortCategoryName(string value) => value switch
    {
        "L" or "Letter" => "L",
        "LC" or "Cased_Letter" => "LC",
        "Lu" or "Uppercase_Letter" => "Lu",
        "Ll" or "Lowercase_Letter" => "Ll",
        "Lt" or "Titlecase_Letter" => "Lt",
        "Lm" or "Modifier_Letter" => "Lm",
        "Lo" or "Other_Letter" => "Lo",
        "M" or "Mark" or "Combining_Mark" => "M",
        "Mn" or "Nonspacing_Mark" => "Mn",
        "Mc" or "Spacing_Mark" => "Mc",
        "Me" or "Enclosing_Mark" => "Me",
        "N" or "Number" => "N",
        "Nd" or "Decimal_Number" or "digit" => "Nd",
        "Nl" or "Letter_Number" => "Nl",
        "No" or "Other_Number" => "No",
        "P" or "Punctuation" or "punct" => "P",
        "Pc" or "Connector_Punctuation" => "Pc",
        "Pd" or "Dash_Punctuation" => "Pd",
        "Ps" or "Open_Punctuation" => "Ps",
        "Pe" or "Close_Punctuation" => "Pe",
        "Pi" or "Initial_Punctuation" => "Pi",
        "Pf" or "Final_Punctuation" => "Pf",
        "Po" or "Other_Punctuation" => "Po",
        "S" or "Symbol" => "S",
        "Sm" or "Math_Symbol" => "Sm",
        "Sc" or "Currency_Symbol" => "Sc",
        "Sk" or "Modifier_Symbol" => "Sk",
        "So" or "Other_Symbol" => "So",
        "Z" or "Separator" => "Z",
        "Zs" or "Space_Separator" => "Zs",
        "Zl" or "Line_Separator" => "Zl",
        "Zp" or "Paragraph_Separator" => "Zp",
        "C" or "Other" => "C",
        "Cc" or "Control" or "cntrl" => "Cc",
        "Cf" or "Format" => "Cf",
        "Cs" or "Surrogate" => "Cs",
        "Co" or "Private_Use" => "Co",
        "Cn" or "Unassigned" => "Cn",
        _ => null,
    };

    /// <summary>Every code point whose category's short name is, or starts with, the one given (LC: Lu, Ll, Lt).</summary>
    private static CodePointSet Build(string category)
    {
        var ranges = new List<(int Lo, int Hi)>();
        var start = -1;
        for (var cp = 0; cp <= CodePointSet.MaxCodePoint + 1; cp++)
        {
            var inside = cp <= CodePointSet.MaxCodePoint && Matches(ShortName(CharUnicodeInfo.GetUnicodeCategory(cp)), category);
            if (inside && start < 0)
            {
                start = cp;
            }
            else if (!inside && start >= 0)
            {
                ranges.Add((start, cp - 1));
                start = -1;
            }
        }

        return CodePointSet.Of(ranges);
    }

    private static bool Matches(string shortName, string category) =>
        category == "LC" ? shortName is "Lu" or "Ll" or "Lt" : shortName.StartsWith(category, StringComparison.Ordinal);

    private static string ShortName(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => "Lu",
        UnicodeCategory.LowercaseLetter => "Ll",
        UnicodeCategory.TitlecaseLetter => "Lt",
        UnicodeCategory.ModifierLetter => "Lm",
        UnicodeCategory.OtherLetter => "Lo",
        UnicodeCategory.NonSpacingMark => "Mn",
        UnicodeCategory.SpacingCombiningMark => "Mc",
        UnicodeCategory.EnclosingMark => "Me",
        UnicodeCategory.DecimalDigitNumber => "Nd",
        UnicodeCategory.LetterNumber => "Nl",
        UnicodeCategory.OtherNumber => "No",
        UnicodeCategory.SpaceSeparator => "Zs",
        UnicodeCategory.LineSeparator => "Zl",
        UnicodeCategory.ParagraphSeparator => "Zp",
        UnicodeCategory.Control => "Cc",
        UnicodeCategory.Format => "Cf",
        UnicodeCategory.Surrogate => "Cs",
        UnicodeCategory.PrivateUse => "Co",
        UnicodeCategory.ConnectorPunctuation => "Pc",
        UnicodeCategory.DashPunctuation => "Pd",
        UnicodeCategory.OpenPunctuation => "Ps",
        UnicodeCategory.ClosePunctuation => "Pe",
        UnicodeCategory.InitialQuotePunctuation => "Pi",
        UnicodeCategory.FinalQuotePunctuation => "Pf",
        UnicodeCategory.OtherPunctuation => "Po",
        UnicodeCategory.MathSymbol => "Sm",
        UnicodeCategory.CurrencySymbol => "Sc",
        UnicodeCategory.ModifierSymbol => "Sk",
        UnicodeCategory.OtherSymbol => "So",
        _ => "Cn",
    };
}
