namespace McpShim.Policy.Schema;

/// <summary>One way the arguments fail the schema: where (a JSON path such as <c>$.options.force</c>), which keyword, why.</summary>
internal sealed record SchemaViolation(string Path, string Rule, string Message)
{
    public override string ToString() => $"{Path}: {Rule}: {Message}";
}
