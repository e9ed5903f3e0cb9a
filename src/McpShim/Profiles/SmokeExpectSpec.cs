using System.Text.Json;

namespace McpShim.Profiles;

/// <summary>
/// What a scripted call's result must show. Every key given must hold:
/// <c>contains</c>: the text content (its <c>text</c> items joined) contains this string, case-sensitive;
/// <c>isError</c>: the result's <c>isError</c> (absent = false) is this value (default false);
/// <c>structuredContent</c>: each key is a path (<c>$.sum</c>, <c>$.items[0].name</c>, <c>$['a b']</c>) into the
/// result's <c>structuredContent</c>, whose value there must equal the given JSON value.
/// </summary>
internal sealed class SmokeExpectSpec
{
    public string? Contains { get; init; }

    public bool? IsError { get; init; }

    public Dictionary<string, JsonElement>? StructuredContent { get; init; }
}
