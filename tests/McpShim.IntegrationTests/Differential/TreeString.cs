namespace McpShim.IntegrationTests.Differential;

/// <summary>A string after unescaping.</summary>
internal sealed record TreeString(string Value) : TreeNode;
