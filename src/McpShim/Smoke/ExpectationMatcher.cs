using System.Text;
using System.Text.Json;
using McpShim.Profiles;

namespace McpShim.Smoke;

/// <summary>
/// Holds a <c>tools/call</c> result against a smoke call's <c>expect</c> (README "mcpshim test"): <c>isError</c>
/// (default false), <c>contains</c> on the text content, and path matches on <c>structuredContent</c>.
/// </summary>
internal static class ExpectationMatcher
{
    private const int QuoteChars = 200;

    /// <summary>Every way the result falls short; empty when it meets the expectation.</summary>
    public static IReadOnlyList<string> Mismatches(SmokeExpectSpec? expect, JsonElement result)
    {
        var problems = new List<string>();
        if (result.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"the result is {JsonPath.Kind(result)}, not an object");
            return problems;
        }

        var text = TextOf(result);
        var isError = result.TryGetProperty("isError", out var flag) && flag.ValueKind == JsonValueKind.True;
        var wantError = expect?.IsError ?? false;
        if (isError != wantError)
        {
            problems.Add(isError
                ? $"the tool reported an error (isError: true): {Quote(text)}"
                : "the tool succeeded, but the profile expects isError: true");
        }

        if (expect?.Contains is { } needle && !text.Contains(needle, StringComparison.Ordinal))
            problems.Add($"the text content does not contain {Quote(needle)}; it is {Quote(text)}");

        if (expect?.StructuredContent is { Count: > 0 } paths)
        {
            if (!result.TryGetProperty("structuredContent", out var structured))
            {
                problems.Add($"the result has no structuredContent to match {string.Join(", ", paths.Keys)} against");
            }
            else
            {
                foreach (var (path, expected) in paths)
                {
                    if (!JsonPath.TrySelect(structured, path, out var actual, out var problem))
                        problems.Add($"structuredContent: {problem}");
                    else if (!JsonElement.DeepEquals(actual, expected))
                        problems.Add($"structuredContent {path} is {Compact(actual)}, expected {Compact(expected)}");
                }
            }
        }

        return problems;
    }

    /// <summary>The <c>text</c> of every text item in <c>content</c>, joined by newlines.</summary>
    public static string TextOf(JsonElement result)
    {
        if (!result.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
            return string.Empty;
        var sb = new StringBuilder();
        foreach (var item in content.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object &&
                item.TryGetProperty("type", out var type) && type.ValueEquals("text") &&
                item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                if (sb.Length > 0)
                    sb.Append('\n');
                sb.Append(text.GetString());
            }
        }

        return sb.ToString();
    }

    /// <summary>A short, single-line, quoted rendering of a text.</summary>
    public static string Quote(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return "\"" + (flat.Length > QuoteChars ? flat[..QuoteChars] + "…" : flat) + "\"";
    }

    private static string Compact(JsonElement element)
    {
        var raw = element.GetRawText().ReplaceLineEndings(" ");
        return raw.Length > QuoteChars ? raw[..QuoteChars] + "…" : raw;
    }
}
