namespace McpShim.IntegrationTests.Differential;

/// <summary>What a reader's JSON parser accepts beyond RFC 8259, and how deep it nests.</summary>
internal sealed record TreeParserOptions(int MaxDepth, bool AllowNonFinite = false, bool ReplaceLoneSurrogates = false)
{
    /// <summary>JavaScript's JSON.parse (V8 parses iteratively: no practical depth limit).</summary>
    public static readonly TreeParserOptions JavaScript = new(1_000_000);

    /// <summary>Python's json.loads: NaN, Infinity and -Infinity are numbers; recursion stops near 1000 levels.</summary>
    public static readonly TreeParserOptions Python = new(990, AllowNonFinite: true);

    /// <summary>Go's encoding/json: maxNestingDepth is 10000; a \u escape of a lone surrogate becomes U+FFFD.</summary>
    public static readonly TreeParserOptions Go = new(10_000, ReplaceLoneSurrogates: true);
}
