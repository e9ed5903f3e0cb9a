using System.Text.Json;

namespace McpShim.Policy.Schema;

/// <summary>
/// One schema resource: a document's root, or a subschema with its own <c>$id</c>. Relative references inside it
/// resolve against <see cref="Uri"/>; its anchors and JSON pointers are looked up from <see cref="Root"/>.
/// </summary>
internal sealed class SchemaResource(string uri, JsonElement root, SchemaResource? parent, string? declaredSchema, SchemaDialect? dialect)
{
    private SchemaDialect? _dialect = dialect;

    /// <summary>The absolute URI, without a fragment.</summary>
    public string Uri { get; } = uri;

    public JsonElement Root { get; } = root;

    /// <summary>The <c>$schema</c> of this resource, when it names one mcpshim must look up (a custom meta-schema).</summary>
    public string? DeclaredSchema { get; } = declaredSchema;

    public Dictionary<string, JsonElement> Anchors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonElement> DynamicAnchors { get; } = new(StringComparer.Ordinal);

    /// <summary>2019-09: the root says <c>"$recursiveAnchor": true</c>.</summary>
    public bool RecursiveAnchor => Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty("$recursiveAnchor", out var a) && a.ValueKind == JsonValueKind.True;

    /// <summary>The dialect: its own, or the enclosing resource's; a custom meta-schema's is set once it is read.</summary>
    public SchemaDialect? Dialect
    {
        get => _dialect ?? (DeclaredSchema is null ? parent?.Dialect : null);
        set => _dialect = value;
    }
}
