using System.Text.Json;

namespace McpShim.Policy.Schema;

/// <summary>A schema (an object or a boolean) and the resource it sits in, which gives its base URI and dialect.</summary>
internal readonly record struct SchemaNode(JsonElement Schema, SchemaResource Resource)
{
    public SchemaDialect Dialect => Resource.Dialect ?? SchemaDialect.Draft202012;
}
