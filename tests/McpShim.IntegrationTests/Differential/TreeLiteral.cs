namespace McpShim.IntegrationTests.Differential;

/// <summary>true, false or null.</summary>
internal sealed record TreeLiteral(string Text) : TreeNode
{
    public bool IsNull => Text == "null";
}
