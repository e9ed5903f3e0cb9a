namespace McpShim.IntegrationTests.Differential;

/// <summary>One member of an object: the key after unescaping, and its value.</summary>
internal readonly record struct TreeMember(string Key, TreeNode Value);
