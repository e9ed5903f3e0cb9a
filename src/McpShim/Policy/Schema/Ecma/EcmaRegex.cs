using System.Text.RegularExpressions;

namespace McpShim.Policy.Schema.Ecma;

/// <summary>
/// A JSON Schema pattern ready to match, with ECMA-262's meaning (<see cref="EcmaPattern"/>). Two translations: a
/// text with no surrogate in it (nearly all) is matched by one where every character atom is a plain class, which
/// .NET optimises as it does its own patterns; a text with one (an emoji, say) by the full, code-point-exact one,
/// built on first need. Both give the answers JavaScript gives, each for the texts it is used on.
/// </summary>
internal sealed class EcmaRegex
{
    private readonly string _fullPattern;
    private readonly TimeSpan _timeout;
    private readonly Regex _surrogateFree;
    private Regex? _full;

    /// <exception cref="EcmaPatternException">The pattern cannot be checked as ECMA-262 would.</exception>
    /// <exception cref="ArgumentException">.NET cannot run the translation (not expected; reported as unchecked).</exception>
    public EcmaRegex(string pattern, TimeSpan timeout)
    {
        _timeout = timeout;
        _surrogateFree = new Regex(EcmaPattern.Translate(pattern, surrogateFree: true), RegexOptions.CultureInvariant, timeout);
        _fullPattern = EcmaPattern.Translate(pattern); // the same constructs as the other: .NET accepts it alike
    }

    /// <exception cref="RegexMatchTimeoutException">The match ran out of time.</exception>
    public bool IsMatch(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
            return _surrogateFree.IsMatch(text);
        _full ??= new Regex(_fullPattern, RegexOptions.CultureInvariant, _timeout);
        return _full.IsMatch(text);
    }
}
