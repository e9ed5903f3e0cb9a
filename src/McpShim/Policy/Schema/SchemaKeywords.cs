namespace McpShim.Policy.Schema;

/// <summary>Where a schema object holds subschemas: the only places an <c>$id</c> or an anchor counts.</summary>
internal static class SchemaKeywords
{
    /// <summary>A keyword whose value is one subschema.</summary>
    public static bool HoldsSchema(string keyword) => keyword is "additionalProperties" or "unevaluatedProperties"
        or "items" or "additionalItems" or "unevaluatedItems" or "contains" or "propertyNames" or "not" or "if"
        or "then" or "else" or "contentSchema";

    /// <summary>A keyword whose value maps names to subschemas (for <c>dependencies</c>, those values that are schemas).</summary>
    public static bool HoldsSchemaMap(string keyword) => keyword is "$defs" or "definitions" or "properties"
        or "patternProperties" or "dependentSchemas" or "dependencies";

    /// <summary>A keyword whose value is an array of subschemas (<c>items</c> as a draft-07 tuple too).</summary>
    public static bool HoldsSchemaArray(string keyword) => keyword is "allOf" or "anyOf" or "oneOf" or "prefixItems" or "items";
}
