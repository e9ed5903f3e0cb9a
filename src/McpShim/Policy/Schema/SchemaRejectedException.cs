namespace McpShim.Policy.Schema;

/// <summary>
/// The arguments cannot be checked at all: a <c>$ref</c> that does not resolve, a dialect mcpshim does not support,
/// or a schema past the resource bounds. MCP 2026-07-28 says such a schema is rejected, not treated as permissive,
/// so the call is refused whatever its arguments.
/// </summary>
internal sealed class SchemaRejectedException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}
