namespace McpShim.IntegrationTests.Differential;

/// <summary>A number as written (each reader converts it its own way), or NaN / Infinity / -Infinity.</summary>
internal sealed record TreeNumber(string Raw) : TreeNode;
