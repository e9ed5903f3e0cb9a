namespace McpShim.IntegrationTests.Differential;

/// <summary>An object with all its members in document order; equal keys are all kept (each reader picks one).</summary>
internal sealed record TreeObject(IReadOnlyList<TreeMember> Members) : TreeNode;
