namespace McpShim.Policy;

/// <summary>
/// A tool name pattern from the policy: <c>*</c> matches any run of characters (also none), <c>?</c> exactly one,
/// anything else itself. Case-sensitive, as tool names are. No regex: a pattern cannot be slow or invalid.
/// </summary>
internal sealed class ToolNameGlob(string pattern)
{
    public string Pattern { get; } = pattern;

    public bool Matches(string name)
    {
        var p = Pattern.AsSpan();
        var s = name.AsSpan();
        int pi = 0, si = 0, starPi = -1, starSi = 0;
        while (si < s.Length)
        {
            if (pi < p.Length && (p[pi] == '?' || (p[pi] != '*' && p[pi] == s[si])))
            {
                pi++;
                si++;
            }
            else if (pi < p.Length && p[pi] == '*')
            {
                starPi = pi++;
                starSi = si;
            }
            else if (starPi >= 0)
            {
                // Let the last '*' take one more character and retry from there.
                pi = starPi + 1;
                si = ++starSi;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == '*')
            pi++;
        return pi == p.Length;
    }

    public override string ToString() => Pattern;
}
