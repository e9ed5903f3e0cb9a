namespace McpShim.Policy;

/// <summary>mcpshim's own <c>tools/list</c> in progress: the (decoded) id of the page it waits for, and the tools so far.</summary>
internal sealed class ToolListRefresh(string pageId)
{
    public string PageId { get; set; } = pageId;

    public List<ToolDefinition> Tools { get; } = [];
}
