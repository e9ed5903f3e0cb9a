namespace McpShim.IntegrationTests.Differential;

/// <summary>A JSON value as a reader met it: objects keep every member, duplicates included, in order.</summary>
internal abstract record TreeNode;
