namespace McpShim.Policy.Schema;

/// <summary>The vocabularies of JSON Schema 2019-09 and 2020-12 whose keywords mcpshim evaluates.</summary>
[Flags]
internal enum SchemaVocabulary
{
    None = 0,
    Core = 1,
    Applicator = 2,
    Unevaluated = 4,
    Validation = 8,
    All = Core | Applicator | Unevaluated | Validation,
}
