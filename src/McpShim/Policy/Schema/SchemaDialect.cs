namespace McpShim.Policy.Schema;

/// <summary>
/// Which JSON Schema a schema resource is written in, from its <c>$schema</c> (MCP: 2020-12 when absent), and so
/// how its keywords read: draft-04's <c>id</c>, draft-07's <c>$ref</c> that hides its siblings, 2019-09's
/// <c>$recursiveRef</c>, 2020-12's <c>$dynamicRef</c>; for a meta-schema with <c>$vocabulary</c>, which keyword
/// groups apply. Formats are annotations in every dialect, as 2020-12 says by default.
/// </summary>
internal sealed class SchemaDialect
{
    public static readonly SchemaDialect Draft4 = new("draft-04", 4, SchemaVocabulary.All);
    public static readonly SchemaDialect Draft6 = new("draft-06", 6, SchemaVocabulary.All);
    public static readonly SchemaDialect Draft7 = new("draft-07", 7, SchemaVocabulary.All);
    public static readonly SchemaDialect Draft201909 = new("2019-09", 2019, SchemaVocabulary.All);
    public static readonly SchemaDialect Draft202012 = new("2020-12", 2020, SchemaVocabulary.All);

    public SchemaDialect(string name, int version, SchemaVocabulary vocabularies)
    {
        Name = name;
        Version = version;
        Vocabularies = vocabularies;
    }

    public string Name { get; }

    /// <summary>4, 6, 7, 2019 or 2020.</summary>
    public int Version { get; }

    public SchemaVocabulary Vocabularies { get; }

    /// <summary>Up to draft-07 a <c>$ref</c> stands for the whole schema object: its siblings are ignored.</summary>
    public bool RefHidesSiblings => Version <= 7;

    public string IdKeyword => Version == 4 ? "id" : "$id";

    /// <summary>The dialects mcpshim checks, by their meta-schema URI (http or https, with or without a final '#').</summary>
    public static SchemaDialect? Known(string uri) => uri.TrimEnd('#').Replace("https://", "http://", StringComparison.Ordinal) switch
    {
        "http://json-schema.org/draft-04/schema" => Draft4,
        "http://json-schema.org/draft-06/schema" => Draft6,
        "http://json-schema.org/draft-07/schema" => Draft7,
        "http://json-schema.org/draft/2019-09/schema" => Draft201909,
        "http://json-schema.org/draft/2020-12/schema" => Draft202012,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="keyword"/> is evaluated: it exists in this dialect (a 2019-09 schema's
    /// <c>prefixItems</c> is an unknown keyword), and its vocabulary is on (dialects before 2019-09 have none).
    /// </summary>
    public bool Evaluates(string keyword)
    {
        var since = keyword switch
        {
            "prefixItems" => 2020,
            "dependentRequired" or "dependentSchemas" or "minContains" or "maxContains" or "unevaluatedProperties" or "unevaluatedItems" => 2019,
            _ => 4,
        };
        return Version >= since && (Version < 2019 || Vocabularies == SchemaVocabulary.All || (Vocabularies & VocabularyOf(keyword)) != 0);
    }

    /// <summary>The 2020-12 vocabulary a keyword belongs to; core for the reference keywords and anything unknown.</summary>
    public static SchemaVocabulary VocabularyOf(string keyword) => keyword switch
    {
        "allOf" or "anyOf" or "oneOf" or "not" or "if" or "then" or "else" or "dependentSchemas" or "prefixItems"
            or "items" or "additionalItems" or "contains" or "properties" or "patternProperties" or "additionalProperties"
            or "propertyNames" or "dependencies" => SchemaVocabulary.Applicator,
        "unevaluatedItems" or "unevaluatedProperties" => SchemaVocabulary.Unevaluated,
        "type" or "enum" or "const" or "multipleOf" or "maximum" or "exclusiveMaximum" or "minimum" or "exclusiveMinimum"
            or "maxLength" or "minLength" or "pattern" or "maxItems" or "minItems" or "uniqueItems" or "maxContains"
            or "minContains" or "maxProperties" or "minProperties" or "required" or "dependentRequired" => SchemaVocabulary.Validation,
        _ => SchemaVocabulary.Core,
    };

    /// <summary>A vocabulary by its URI (2019-09 or 2020-12); null for one mcpshim does not know.</summary>
    public static SchemaVocabulary? Vocabulary(string uri)
    {
        var slash = uri.LastIndexOf("/vocab/", StringComparison.Ordinal);
        if (slash < 0 || !uri.StartsWith("https://json-schema.org/draft/20", StringComparison.Ordinal))
            return null;
        return uri[(slash + 7)..] switch
        {
            "core" => SchemaVocabulary.Core,
            "applicator" => SchemaVocabulary.Applicator,
            "unevaluated" => SchemaVocabulary.Unevaluated,
            "validation" => SchemaVocabulary.Validation,
            // Annotations only: nothing to evaluate (formats are annotations here; content is never decoded).
            "meta-data" or "format-annotation" or "format" or "content" => SchemaVocabulary.None,
            _ => null,
        };
    }
}
