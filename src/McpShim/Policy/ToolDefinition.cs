using System.Text.Json;
using McpShim.Policy.Schema;

namespace McpShim.Policy;

/// <summary>One tool as the server advertised it in <c>tools/list</c>: what the policy decides on.</summary>
internal sealed class ToolDefinition
{
    private ArgumentSchema? _schema;

    private ToolDefinition(string name, string? description, JsonElement inputSchema, bool readOnlyHint, string hash)
    {
        Name = name;
        Description = description;
        InputSchema = inputSchema;
        ReadOnlyHint = readOnlyHint;
        Hash = hash;
    }

    public string Name { get; }

    public string? Description { get; }

    /// <summary>The advertised schema; <see cref="JsonValueKind.Undefined"/> when there is none.</summary>
    public JsonElement InputSchema { get; }

    /// <summary><c>annotations.readOnlyHint</c> is <c>true</c> (absent means false, as in the MCP spec).</summary>
    public bool ReadOnlyHint { get; }

    /// <summary>The hash <c>mcpshim pin</c> records: name, description and inputSchema (<see cref="ToolDefinitionHash"/>).</summary>
    public string Hash { get; }

    /// <summary>The compiled inputSchema, built on first use (only when arguments are validated).</summary>
    public ArgumentSchema Schema => _schema ??= ArgumentSchema.Of(InputSchema);

    /// <summary>Reads one element of <c>result.tools</c>; null when it is not an object with a string name.</summary>
    public static ToolDefinition? From(JsonElement tool)
    {
        if (tool.ValueKind != JsonValueKind.Object
            || !tool.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var description = tool.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var schema = tool.TryGetProperty("inputSchema", out var s) ? s.Clone() : default;
        var readOnly = tool.TryGetProperty("annotations", out var annotations)
                       && annotations.ValueKind == JsonValueKind.Object
                       && annotations.TryGetProperty("readOnlyHint", out var hint)
                       && hint.ValueKind == JsonValueKind.True;
        var toolName = name.GetString()!;
        return new ToolDefinition(toolName, description, schema, readOnly, ToolDefinitionHash.Compute(toolName, description, schema));
    }
}
