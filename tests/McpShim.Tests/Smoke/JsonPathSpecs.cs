using System.Text.Json;
using McpShim.Smoke;

namespace McpShim.Tests.Smoke;

public sealed class JsonPathSpecs
{
    private const string Json = """{"sum":3,"items":[{"name":"a"},{"name":"b"}],"odd key":{"x.y":1},"n":null}""";

    [Theory]
    [InlineData("$", Json)]
    [InlineData("$.sum", "3")]
    [InlineData("$.items[1].name", "\"b\"")]
    [InlineData("$['odd key']['x.y']", "1")]
    [InlineData("$[\"odd key\"]", """{"x.y":1}""")]
    [InlineData("$.n", "null")]
    public void I_can_select_members_and_items(string path, string expected)
    {
        using var document = JsonDocument.Parse(Json);

        Assert.True(JsonPath.TrySelect(document.RootElement, path, out var value, out var problem), problem);
        Assert.Equal(expected, value.GetRawText());
    }

    [Theory]
    [InlineData("sum", "'sum' is not a path: start it with '$', e.g. \"$.sum\"")]
    [InlineData("$.missing", "$ has no member 'missing'")]
    [InlineData("$.items[2]", "$.items has 2 items, no [2]")]
    [InlineData("$.sum.x", "$.sum has no member 'x' (it is a number)")]
    [InlineData("$.sum[0]", "$.sum is a number, not an array")]
    [InlineData("$..sum", "'$..sum' is not a path this supports (at character 2): use $.name, $['name'] and $[0], e.g. \"$.items[0].name\"")]
    [InlineData("$.items[*]", "'$.items[*]' is not a path this supports (at character 8): use $.name, $['name'] and $[0], e.g. \"$.items[0].name\"")]
    public void A_path_that_is_malformed_or_leads_nowhere_says_where(string path, string expected)
    {
        using var document = JsonDocument.Parse(Json);

        Assert.False(JsonPath.TrySelect(document.RootElement, path, out _, out var problem));
        Assert.Equal(expected, problem);
    }
}
