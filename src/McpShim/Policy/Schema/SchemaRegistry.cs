using System.Globalization;
using System.Text.Json;

namespace McpShim.Policy.Schema;

/// <summary>
/// The schema resources of one inputSchema, by URI, with their anchors: what <c>$ref</c>, <c>$dynamicRef</c> and
/// <c>$recursiveRef</c> resolve to. Only what the schema itself holds is known: mcpshim fetches nothing (MCP
/// 2026-07-28 forbids following a network <c>$ref</c> by default), so a reference elsewhere does not resolve.
/// </summary>
internal sealed class SchemaRegistry
{
    private readonly Dictionary<string, SchemaResource> _resources = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _prepared;

    /// <summary>Some subschema has <c>unevaluatedProperties</c> or <c>unevaluatedItems</c>: what was evaluated must be tracked.</summary>
    public bool TracksEvaluation { get; private set; }

    /// <summary>Why the schema cannot be checked at all (a dialect mcpshim does not support); null when it can.</summary>
    public string? Problem { get; private set; }

    /// <summary>Registers a document retrieved from <paramref name="retrievalUri"/>, and every resource and anchor in it.</summary>
    public SchemaResource Add(JsonElement document, string retrievalUri)
    {
        var declared = document.ValueKind == JsonValueKind.Object && document.TryGetProperty("$schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var known = declared is null ? SchemaDialect.Draft202012 : SchemaDialect.Known(declared);
        var uri = retrievalUri;
        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty((known ?? SchemaDialect.Draft202012).IdKeyword, out var id) && id.ValueKind == JsonValueKind.String && !IsAnchorId(id.GetString()!, known))
            uri = SchemaUri.Split(SchemaUri.Resolve(retrievalUri, id.GetString()!)).Resource;
        var resource = new SchemaResource(uri, document, null, known is null ? declared : null, known);
        _resources[uri] = resource;
        _resources.TryAdd(retrievalUri, resource);
        Walk(document, resource, isResourceRoot: true);
        _prepared = false;
        return resource;
    }

    public SchemaResource? Find(string uri) => _resources.GetValueOrDefault(uri);

    /// <summary>The resource a subschema of <paramref name="parent"/> is in: its own when it has an <c>$id</c>.</summary>
    public SchemaNode Child(SchemaNode parent, JsonElement child)
    {
        if (OwnUri(child, parent.Resource) is not { } uri)
            return new SchemaNode(child, parent.Resource);

        // Not registered only when it sits where Add did not look (under an unknown keyword): read-only here, as
        // checks may run on two threads at once.
        return new SchemaNode(child, Find(uri) ?? Embedded(child, parent.Resource, uri));
    }

    /// <summary>The subschema an absolute reference (with its fragment: empty, a JSON pointer or an anchor) names.</summary>
    public SchemaNode? Resolve(string reference)
    {
        var (uri, fragment) = SchemaUri.Split(reference);
        if (Find(uri) is not { } resource)
            return null;
        if (fragment.Length == 0)
            return new SchemaNode(resource.Root, resource);
        fragment = SchemaUri.Unescape(fragment);
        if (fragment[0] == '/')
            return Pointer(resource, fragment);
        return resource.Anchors.TryGetValue(fragment, out var anchored) ? new SchemaNode(anchored, resource) : null;
    }

    /// <summary>Reads each custom meta-schema's <c>$vocabulary</c> once, before the first check.</summary>
    public void Prepare()
    {
        lock (_gate)
        {
            if (_prepared)
                return;
            foreach (var resource in _resources.Values.Distinct())
            {
                if (resource.DeclaredSchema is not { } declared || resource.Dialect is not null)
                    continue;
                resource.Dialect = FromMetaSchema(declared, out var problem);
                Problem ??= problem;
            }

            _prepared = true;
        }
    }

    private SchemaDialect? FromMetaSchema(string declared, out string? problem)
    {
        problem = null;
        var supported = "mcpshim checks JSON Schema 2020-12, 2019-09, draft-07, draft-06 and draft-04";
        if (Find(SchemaUri.Split(declared).Resource) is not { } meta)
        {
            problem = $"its \"$schema\" is '{declared}', a dialect {supported}";
            return null;
        }

        if (meta.Root.ValueKind != JsonValueKind.Object || !meta.Root.TryGetProperty("$vocabulary", out var vocabulary) || vocabulary.ValueKind != JsonValueKind.Object)
            return meta.Dialect ?? SchemaDialect.Draft202012;
        var flags = SchemaVocabulary.None;
        foreach (var entry in vocabulary.EnumerateObject())
        {
            if (SchemaDialect.Vocabulary(entry.Name) is { } known)
                flags |= known;
            else if (entry.Value.ValueKind == JsonValueKind.True)
            {
                problem = $"its meta-schema '{declared}' requires the vocabulary '{entry.Name}', which mcpshim does not know";
                return null;
            }
        }

        return new SchemaDialect(declared, meta.Dialect?.Version is >= 2019 and var v ? v : 2020, flags);
    }

    private void Walk(JsonElement schema, SchemaResource resource, bool isResourceRoot)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return;
        if (!isResourceRoot && OwnUri(schema, resource) is { } uri)
        {
            var embedded = Embedded(schema, resource, uri);
            if (!_resources.TryAdd(uri, embedded))
                return; // the same $id twice: the first one counts
            resource = embedded;
        }

        var version = resource.Dialect?.Version ?? 2020;
        if (version >= 2019 && Text(schema, "$anchor") is { } anchor)
            resource.Anchors.TryAdd(anchor, schema);
        if (version >= 2020 && Text(schema, "$dynamicAnchor") is { } dynamicAnchor)
        {
            resource.Anchors.TryAdd(dynamicAnchor, schema);
            resource.DynamicAnchors.TryAdd(dynamicAnchor, schema);
        }

        if (version <= 7 && Text(schema, version == 4 ? "id" : "$id") is { } id && IsAnchorId(id, resource.Dialect))
            resource.Anchors.TryAdd(id[1..], schema);

        foreach (var keyword in schema.EnumerateObject())
        {
            if (keyword.Name is "unevaluatedProperties" or "unevaluatedItems")
                TracksEvaluation = true;
            if (SchemaKeywords.HoldsSchema(keyword.Name))
                Walk(keyword.Value, resource, isResourceRoot: false);
            if (SchemaKeywords.HoldsSchemaArray(keyword.Name) && keyword.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in keyword.Value.EnumerateArray())
                    Walk(item, resource, isResourceRoot: false);
            }

            if (SchemaKeywords.HoldsSchemaMap(keyword.Name) && keyword.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in keyword.Value.EnumerateObject())
                    Walk(member.Value, resource, isResourceRoot: false);
            }
        }
    }

    private static SchemaResource Embedded(JsonElement schema, SchemaResource parent, string uri)
    {
        var declared = Text(schema, "$schema");
        var known = declared is null ? null : SchemaDialect.Known(declared);
        return new SchemaResource(uri, schema, parent, known is null ? declared : null, known);
    }

    /// <summary>The URI a subschema's own <c>$id</c> makes it a resource at; null when it has none (or one that is an anchor).</summary>
    private static string? OwnUri(JsonElement schema, SchemaResource parent)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return null;
        var dialect = parent.Dialect ?? SchemaDialect.Draft202012;
        if (schema.TryGetProperty("$schema", out var s) && s.ValueKind == JsonValueKind.String && SchemaDialect.Known(s.GetString()!) is { } own)
            dialect = own;
        if (Text(schema, dialect.IdKeyword) is not { } id || IsAnchorId(id, dialect))
            return null;
        if (dialect.RefHidesSiblings && schema.TryGetProperty("$ref", out _))
            return null; // draft-07: beside a $ref, $id is ignored too
        return SchemaUri.Split(SchemaUri.Resolve(parent.Uri, id)).Resource;
    }

    /// <summary>Up to draft-07, an <c>$id</c> of just a fragment (<c>"#foo"</c>) names an anchor, not a resource.</summary>
    private static bool IsAnchorId(string id, SchemaDialect? dialect) => id.StartsWith('#') && (dialect?.Version ?? 2020) <= 7;

    private SchemaNode? Pointer(SchemaResource resource, string pointer)
    {
        var current = resource.Root;
        var expect = Expect.Schema;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            JsonElement next;
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var member))
                next = member;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
                next = current[index];
            else
                return null;

            expect = expect switch
            {
                Expect.Schema when SchemaKeywords.HoldsSchemaMap(token) => Expect.SchemaMap,
                Expect.Schema when next.ValueKind == JsonValueKind.Array && SchemaKeywords.HoldsSchemaArray(token) => Expect.SchemaArray,
                Expect.Schema when SchemaKeywords.HoldsSchema(token) => Expect.Schema,
                Expect.SchemaMap or Expect.SchemaArray => Expect.Schema,
                _ => Expect.Data,
            };
            current = next;
            if (expect == Expect.Schema && OwnUri(current, resource) is { } uri && Find(uri) is { } inner)
                resource = inner;
        }

        return new SchemaNode(current, resource);
    }

    private static string? Text(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private enum Expect
    {
        Schema,
        SchemaMap,
        SchemaArray,
        Data,
    }
}
