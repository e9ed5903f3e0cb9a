namespace McpShim.Policy.Schema.Ecma;

/// <summary>A pattern that is not ECMA-262 (u flag) syntax, or uses a part mcpshim cannot check faithfully.</summary>
internal sealed class EcmaPatternException(string message) : Exception(message);
