namespace McpShim.Platform;

/// <summary>Why a file is not private enough (<c>mode 0644</c>, <c>BUILTIN\Users may read</c>) and the command that fixes it.</summary>
internal sealed record AccessProblem(string Detail, string Fix);
