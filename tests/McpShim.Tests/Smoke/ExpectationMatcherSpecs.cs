using System.Text.Json;
using McpShim.Json;
using McpShim.Profiles;
using McpShim.Smoke;

namespace McpShim.Tests.Smoke;

public sealed class ExpectationMatcherSpecs
{
    private const string Echo = """{"content":[{"type":"text","text":"Echo: hi"},{"type":"image","data":"AA=="},{"type":"text","text":"second"}]}""";
    private const string Weather = """{"content":[{"type":"text","text":"{}"}],"structuredContent":{"temperature":36,"conditions":"Light rain","tags":["wet",{"a b":true}]}}""";

    [Fact]
    public void I_can_expect_a_text_that_the_joined_text_content_contains()
    {
        Assert.Empty(Match("""{"contains":"Echo: hi"}""", Echo));
        Assert.Empty(Match("""{"contains":"hi\nsecond"}""", Echo));

        var problem = Assert.Single(Match("""{"contains":"bye"}""", Echo));
        Assert.Equal("the text content does not contain \"bye\"; it is \"Echo: hi second\"", problem);
    }

    [Fact]
    public void Without_isError_a_tool_error_fails_and_with_isError_true_a_success_fails()
    {
        const string toolError = """{"content":[{"type":"text","text":"boom"}],"isError":true}""";

        Assert.Empty(Match(null, Echo));
        Assert.Equal("the tool reported an error (isError: true): \"boom\"", Assert.Single(Match(null, toolError)));
        Assert.Empty(Match("""{"isError":true}""", toolError));
        Assert.Equal("the tool succeeded, but the profile expects isError: true", Assert.Single(Match("""{"isError":true}""", Echo)));
        Assert.Empty(Match("""{"isError":false}""", """{"content":[],"isError":false}"""));
    }

    [Fact]
    public void I_can_match_values_in_structuredContent_by_path_with_numbers_compared_by_value()
    {
        Assert.Empty(Match("""{"structuredContent":{"$.temperature":36,"$.conditions":"Light rain"}}""", Weather));
        Assert.Empty(Match("""{"structuredContent":{"$.temperature":36.0,"$.tags[0]":"wet","$.tags[1]['a b']":true}}""", Weather));
        Assert.Empty(Match("""{"structuredContent":{"$.tags":["wet",{"a b":true}]}}""", Weather));

        Assert.Equal(
            ["structuredContent $.temperature is 36, expected 37", "structuredContent: $ has no member 'wind'"],
            Match("""{"structuredContent":{"$.temperature":37,"$.wind":0}}""", Weather));
    }

    [Fact]
    public void Every_mismatch_is_reported_not_just_the_first()
    {
        var problems = Match("""{"contains":"sunny","structuredContent":{"$.x":1}}""", Echo);

        Assert.Equal(2, problems.Count);
        Assert.Contains("does not contain \"sunny\"", problems[0], StringComparison.Ordinal);
        Assert.Equal("the result has no structuredContent to match $.x against", problems[1]);
    }

    private static IReadOnlyList<string> Match(string? expectJson, string resultJson)
    {
        var expect = expectJson is null ? null : JsonSerializer.Deserialize(expectJson, ShimJsonContext.Default.SmokeExpectSpec);
        using var result = JsonDocument.Parse(resultJson);
        return ExpectationMatcher.Mismatches(expect, result.RootElement);
    }
}
