namespace McpShim.IntegrationTests.Differential;

internal sealed record TreeArray(IReadOnlyList<TreeNode> Items) : TreeNode;
