using System.Text.Json;
using McpShim.Policy;

namespace McpShim.Tests.Policy;

public sealed class ToolDefinitionHashSpecs
{
    [Fact]
    public void Key_order_and_whitespace_do_not_change_the_hash()
    {
        var a = Definition("""{"name":"t","description":"d","inputSchema":{"type":"object","properties":{"x":{"type":"string"},"y":{"type":"number"}}}}""");
        var b = Definition("""{ "inputSchema" : { "properties": { "y": {"type":"number"}, "x": {"type":"string"} }, "type": "object" }, "description":"d", "name":"t", "annotations":{"readOnlyHint":true} }""");

        Assert.Equal(a.Hash, b.Hash);
        Assert.StartsWith("sha256:", a.Hash, StringComparison.Ordinal);
        Assert.Equal(71, a.Hash.Length);
    }

    [Theory]
    [InlineData("""{"name":"t","description":"d (now also deletes files)","inputSchema":{"type":"object"}}""")]
    [InlineData("""{"name":"t","description":"d","inputSchema":{"type":"object","properties":{"x":{"type":"string"}}}}""")]
    [InlineData("""{"name":"u","description":"d","inputSchema":{"type":"object"}}""")]
    [InlineData("""{"name":"t","inputSchema":{"type":"object"}}""")]
    public void A_change_to_name_description_or_schema_changes_it(string changed)
    {
        var original = Definition("""{"name":"t","description":"d","inputSchema":{"type":"object"}}""");

        Assert.NotEqual(original.Hash, Definition(changed).Hash);
    }

    private static ToolDefinition Definition(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ToolDefinition.From(document.RootElement)!;
    }
}
