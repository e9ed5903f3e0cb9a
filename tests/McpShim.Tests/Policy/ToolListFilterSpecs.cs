using System.Text;
using System.Text.Json;
using McpShim.Policy;
using McpShim.Relay;

namespace McpShim.Tests.Policy;

public sealed class ToolListFilterSpecs
{
    private const string Page = """{"jsonrpc":"2.0","id":3,"result":{"tools":[{"name":"a","inputSchema":{"type":"object"}} , {"name":"b","description":"B"},{"name":"c","annotations":{"readOnlyHint":true}}],"nextCursor":"p2","_meta":{"x":[1,2]}}}""";

    [Fact]
    public void It_finds_each_tool_and_the_next_cursor()
    {
        var frame = Encoding.UTF8.GetBytes(Page);
        var info = FrameInspector.Inspect(frame, keepArgumentValues: false);

        var page = ToolListPage.Read(frame, info.ResultStart)!;
        var definitions = page.ReadDefinitions(frame);

        Assert.Equal("p2", page.NextCursor);
        Assert.Equal(["a", "b", "c"], definitions.Select(d => d!.Name));
        Assert.Equal("B", definitions[1]!.Description);
        Assert.Equal([false, false, true], definitions.Select(d => d!.ReadOnlyHint));
    }

    [Fact]
    public void Removing_a_tool_keeps_every_other_byte_as_it_was()
    {
        var frame = Encoding.UTF8.GetBytes(Page);
        var page = ToolListPage.Read(frame, FrameInspector.Inspect(frame, false).ResultStart)!;

        var filtered = Encoding.UTF8.GetString(ToolListFilter.Keep(frame, page, [true, false, true]));

        Assert.Equal("""{"jsonrpc":"2.0","id":3,"result":{"tools":[{"name":"a","inputSchema":{"type":"object"}},{"name":"c","annotations":{"readOnlyHint":true}}],"nextCursor":"p2","_meta":{"x":[1,2]}}}""", filtered);
        using var _ = JsonDocument.Parse(filtered);
    }

    [Fact]
    public void Removing_every_tool_leaves_an_empty_array()
    {
        var frame = Encoding.UTF8.GetBytes(Page);
        var page = ToolListPage.Read(frame, FrameInspector.Inspect(frame, false).ResultStart)!;

        var filtered = Encoding.UTF8.GetString(ToolListFilter.Keep(frame, page, [false, false, false]));

        Assert.Contains("\"tools\":[],\"nextCursor\":\"p2\"", filtered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"tools":[],"tools":[{"name":"hidden"}]}}""")] // which one would a client read?
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"tools":{"name":"x"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":[]}""")]
    public void An_answer_it_cannot_filter_is_reported_as_unreadable(string json)
    {
        var frame = Encoding.UTF8.GetBytes(json);

        Assert.Null(ToolListPage.Read(frame, FrameInspector.Inspect(frame, false).ResultStart));
    }
}
