using System.Globalization;
using System.Text;

namespace McpShim.Policy.Schema.Ecma;

/// <summary>
/// A set of Unicode code points (U+0000 to U+10FFFF) as sorted, disjoint ranges: what one ECMA-262 character atom
/// (a literal, <c>.</c>, <c>\d</c>, a class) matches. <see cref="ToDotNet"/> writes it as a .NET regex atom that
/// matches one whole code point of the set in UTF-16: a character outside the BMP as its surrogate pair, never half
/// of one, as ECMA-262 does with the u flag.
/// </summary>
internal sealed class CodePointSet
{
    public const int MaxCodePoint = 0x10FFFF;

    private readonly (int Lo, int Hi)[] _ranges;

    private CodePointSet((int Lo, int Hi)[] ranges) => _ranges = ranges;

    public static CodePointSet Empty { get; } = new([]);

    public static CodePointSet All { get; } = new([(0, MaxCodePoint)]);

    public bool IsEmpty => _ranges.Length == 0;

    public static CodePointSet Single(int codePoint) => new([(codePoint, codePoint)]);

    public static CodePointSet Of(IEnumerable<(int Lo, int Hi)> ranges)
    {
        var sorted = ranges.Where(r => r.Lo <= r.Hi).OrderBy(r => r.Lo).ToList();
        var merged = new List<(int Lo, int Hi)>();
        foreach (var (lo, hi) in sorted)
        {
            if (merged.Count > 0 && lo <= merged[^1].Hi + 1)
                merged[^1] = (merged[^1].Lo, Math.Max(merged[^1].Hi, hi));
            else
                merged.Add((lo, hi));
        }

        return new CodePointSet([.. merged]);
    }

    public CodePointSet Union(CodePointSet other) => Of(_ranges.Concat(other._ranges));

    public CodePointSet Complement()
    {
        var gaps = new List<(int Lo, int Hi)>();
        var next = 0;
        foreach (var (lo, hi) in _ranges)
        {
            if (lo > next)
                gaps.Add((next, lo - 1));
            next = hi + 1;
        }

        if (next <= MaxCodePoint)
            gaps.Add((next, MaxCodePoint));
        return new CodePointSet([.. gaps]);
    }

    /// <summary>
    /// A .NET atom for one code point of the set. With <paramref name="surrogateFree"/>, for texts known to hold no
    /// surrogate (most of them): one plain class, which .NET runs fastest. Otherwise an atomic group whose
    /// alternatives cannot overlap (atomic, so backtracking never retries them): a BMP character that is no
    /// surrogate; a surrogate pair in the set's astral ranges; a high surrogate not followed by a low one; a low
    /// surrogate not preceded by a high one (lone surrogates are code points of their own in ECMA-262).
    /// </summary>
    public string ToDotNet(bool surrogateFree)
    {
        var bmp = Clip(0, 0xD7FF).Concat(Clip(0xE000, 0xFFFF)).ToList();
        if (surrogateFree)
            return bmp.Count > 0 ? Class(bmp) : "(?!)";
        var astral = Clip(0x10000, MaxCodePoint).ToList();
        var high = Clip(0xD800, 0xDBFF).ToList();
        var low = Clip(0xDC00, 0xDFFF).ToList();
        if (astral is [(0x10000, MaxCodePoint)] && high is [(0xD800, 0xDBFF)] && low is [(0xDC00, 0xDFFF)])
        {
            // Every code point beyond the BMP and every lone surrogate (., \S, [^a], ...): a high surrogate with the
            // low one after it if there is one, else one unit. The pair goes first so that, read right to left in a
            // lookbehind, a low surrogate is taken with its high one.
            return "(?>[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]?|" + Class([.. bmp, (0xDC00, 0xDFFF)]) + ")";
        }

        var alternatives = new List<string>();
        if (bmp.Count > 0)
            alternatives.Add(Class(bmp));
        foreach (var (lo, hi) in astral)
            Astral(lo, hi, alternatives);
        if (high.Count > 0)
            alternatives.Add(Class(high) + "(?![\\uDC00-\\uDFFF])");
        if (low.Count > 0)
            alternatives.Add("(?<![\\uD800-\\uDBFF])" + Class(low));
        return alternatives.Count switch
        {
            0 => "(?!)",
            1 when bmp.Count > 0 => alternatives[0],
            _ => "(?>" + string.Join('|', alternatives) + ")",
        };
    }

    private IEnumerable<(int Lo, int Hi)> Clip(int from, int to) =>
        _ranges.Where(r => r.Hi >= from && r.Lo <= to).Select(r => (Math.Max(r.Lo, from), Math.Min(r.Hi, to)));

    /// <summary>Astral code points lo..hi as surrogate pairs, one alternative per run of high surrogates.</summary>
    private static void Astral(int lo, int hi, List<string> alternatives)
    {
        var (loHigh, loLow) = Surrogates(lo);
        var (hiHigh, hiLow) = Surrogates(hi);
        if (loHigh == hiHigh)
        {
            alternatives.Add(Unit(loHigh) + Class([(loLow, hiLow)]));
            return;
        }

        alternatives.Add(Unit(loHigh) + Class([(loLow, 0xDFFF)]));
        if (loHigh + 1 <= hiHigh - 1)
            alternatives.Add(Class([(loHigh + 1, hiHigh - 1)]) + "[\\uDC00-\\uDFFF]");
        alternatives.Add(Unit(hiHigh) + Class([(0xDC00, hiLow)]));
    }

    private static (int High, int Low) Surrogates(int codePoint) =>
        (0xD800 + ((codePoint - 0x10000) >> 10), 0xDC00 + ((codePoint - 0x10000) & 0x3FF));

    private static string Class(IEnumerable<(int Lo, int Hi)> ranges)
    {
        var text = new StringBuilder("[");
        foreach (var (lo, hi) in ranges)
        {
            text.Append(Unit(lo));
            if (hi > lo)
                text.Append('-').Append(Unit(hi));
        }

        return text.Append(']').ToString();
    }

    private static string Unit(int unit) => "\\u" + unit.ToString("X4", CultureInfo.InvariantCulture);
}
