namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// Go's encoding/json key folding (foldName: unicode.ToUpper(unicode.ToLower(r)) per rune), under which a key matches
/// a struct field whatever its case. .NET's invariant casing leaves out a few of Go's simple mappings; those are here.
/// </summary>
internal static class GoFold
{
    public static string Fold(string name) => string.Create(name.Length, name, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
            span[i] = Fold(source[i]);
    });

    public static bool Equal(string a, string b) => a.Length == b.Length && Fold(a) == Fold(b);

    private static char Fold(char c) => c switch
    {
        >= 'a' and <= 'z' => (char)(c - 32),
        < '\u0080' => c,
        '\u017F' => 'S', // LATIN SMALL LETTER LONG S: ToUpper is 'S'
        '\u212A' => 'K', // KELVIN SIGN: ToLower is 'k'
        '\u0130' => 'I', // LATIN CAPITAL LETTER I WITH DOT ABOVE: ToLower is 'i'
        '\u0131' => 'I', // LATIN SMALL LETTER DOTLESS I: ToUpper is 'I'
        _ => char.ToUpperInvariant(char.ToLowerInvariant(c)),
    };
}
