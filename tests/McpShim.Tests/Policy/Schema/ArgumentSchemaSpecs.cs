using System.Text.Json;
using McpShim.Policy.Schema;

namespace McpShim.Tests.Policy.Schema;

/// <summary>
/// Cases in the spirit of the JSON Schema test suite: a schema, an instance, and the violations expected as
/// "PATH RULE" (none for a valid instance). One group per keyword the policy promises to check.
/// </summary>
public sealed class ArgumentSchemaSpecs
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // type (one name, a list of names; integer is a number without a fraction, 1.0 included)
        { "type string ok", """{"type":"string"}""", "\"x\"", "" },
        { "type string vs number", """{"type":"string"}""", "1", "$ type" },
        { "type integer accepts 1.0", """{"type":"integer"}""", "1.0", "" },
        { "type integer rejects 1.5", """{"type":"integer"}""", "1.5", "$ type" },
        { "type list", """{"type":["string","null"]}""", "null", "" },
        { "type list mismatch", """{"type":["string","null"]}""", "false", "$ type" },
        { "type boolean", """{"type":"boolean"}""", "0", "$ type" },
        { "type object vs array", """{"type":"object"}""", "[]", "$ type" },

        // required, properties, additionalProperties
        { "required present", """{"required":["a"]}""", """{"a":1}""", "" },
        { "required missing", """{"required":["a","b"]}""", """{"a":1}""", "$ required" },
        { "required ignores non-objects", """{"required":["a"]}""", "[]", "" },
        { "properties checked", """{"properties":{"a":{"type":"string"}}}""", """{"a":1}""", "$.a type" },
        { "properties absent is fine", """{"properties":{"a":{"type":"string"}}}""", """{}""", "" },
        { "additionalProperties false", """{"properties":{"a":{}},"additionalProperties":false}""", """{"a":1,"b":2}""", "$.b additionalProperties" },
        { "additionalProperties schema", """{"properties":{"a":{}},"additionalProperties":{"type":"integer"}}""", """{"a":"x","b":"y"}""", "$.b type" },
        { "additionalProperties with patternProperties", """{"patternProperties":{"^x-":{}},"additionalProperties":false}""", """{"x-a":1,"y":2}""", "$.y additionalProperties" },
        { "patternProperties checked", """{"patternProperties":{"^n_":{"type":"number"}}}""", """{"n_a":"1"}""", "$.n_a type" },
        { "odd key path", """{"properties":{"a b":{"type":"string"}}}""", """{"a b":1}""", "$['a b'] type" },
        { "minProperties", """{"minProperties":2}""", """{"a":1}""", "$ minProperties" },
        { "maxProperties", """{"maxProperties":1}""", """{"a":1,"b":2}""", "$ maxProperties" },
        { "dependentRequired", """{"dependentRequired":{"a":["b"]}}""", """{"a":1}""", "$ dependentRequired" },
        { "propertyNames", """{"propertyNames":{"maxLength":3}}""", """{"abcd":1}""", "$.abcd maxLength" },

        // enum, const
        { "enum ok", """{"enum":["a","b"]}""", "\"b\"", "" },
        { "enum miss", """{"enum":["a","b"]}""", "\"c\"", "$ enum" },
        { "enum numbers compare by value", """{"enum":[1,2]}""", "1.0", "" },
        { "enum objects ignore key order", """{"enum":[{"a":1,"b":2}]}""", """{"b":2,"a":1}""", "" },
        { "const", """{"const":"x"}""", "\"y\"", "$ const" },

        // minimum, maximum, exclusive bounds, multipleOf
        { "minimum ok at bound", """{"minimum":1}""", "1", "" },
        { "minimum below", """{"minimum":1}""", "0.5", "$ minimum" },
        { "maximum above", """{"maximum":5}""", "9", "$ maximum" },
        { "exclusiveMinimum number", """{"exclusiveMinimum":1}""", "1", "$ exclusiveMinimum" },
        { "exclusiveMaximum number", """{"exclusiveMaximum":5}""", "4.99", "" },
        { "draft-4 exclusiveMaximum boolean", """{"maximum":5,"exclusiveMaximum":true}""", "5", "$ maximum" },
        { "bounds ignore strings", """{"minimum":10}""", "\"1\"", "" },
        { "multipleOf decimal exact", """{"multipleOf":0.1}""", "0.3", "" },
        { "multipleOf miss", """{"multipleOf":2}""", "7", "$ multipleOf" },

        // minLength, maxLength (code points), pattern (unanchored search)
        { "minLength", """{"minLength":2}""", "\"a\"", "$ minLength" },
        { "maxLength", """{"maxLength":3}""", "\"abcd\"", "$ maxLength" },
        { "maxLength counts an emoji once", """{"maxLength":2}""", "\"😀😀\"", "" },
        { "length ignores numbers", """{"maxLength":1}""", "12345", "" },
        { "pattern match", """{"pattern":"^/"}""", "\"/etc\"", "" },
        { "pattern miss", """{"pattern":"^/"}""", "\"etc\"", "$ pattern" },
        { "pattern is a search, not anchored", """{"pattern":"b"}""", "\"abc\"", "" },
        { "pattern $ is the end of the text, as in ECMA-262", """{"pattern":"^[a-z0-9_./-]+$"}""", "\"abc\\n\"", "$ pattern" },
        { "patternProperties $ is the end of the name", """{"patternProperties":{"^n$":{"type":"number"}},"additionalProperties":false}""", """{"n\n":1}""", "$['n\n'] additionalProperties" },

        // items (schema, 2020-12 prefixItems, draft-7 tuple + additionalItems), minItems, maxItems, uniqueItems, contains
        { "items schema", """{"items":{"type":"integer"}}""", "[1,\"x\",3]", "$[1] type" },
        { "prefixItems then items", """{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}""", "[\"a\",1,\"b\"]", "$[2] type" },
        { "tuple items and additionalItems", """{"items":[{"type":"string"}],"additionalItems":false}""", "[\"a\",1]", "$[1] false" },
        { "minItems", """{"minItems":2}""", "[1]", "$ minItems" },
        { "maxItems", """{"maxItems":1}""", "[1,2]", "$ maxItems" },
        { "uniqueItems", """{"uniqueItems":true}""", "[1,{\"a\":1},1.0]", "$ uniqueItems" },
        { "contains", """{"contains":{"const":3}}""", "[1,2]", "$ contains" },

        // nested objects: paths go all the way down
        {
            "nested objects",
            """{"type":"object","properties":{"options":{"type":"object","properties":{"force":{"type":"boolean"},"list":{"type":"array","items":{"type":"object","required":["id"]}}},"required":["force"],"additionalProperties":false}}}""",
            """{"options":{"force":"yes","extra":1,"list":[{"id":1},{}]}}""",
            "$.options.force type|$.options.list[1] required|$.options.extra additionalProperties"
        },

        // composition, conditionals, references, boolean schemas
        { "allOf", """{"allOf":[{"minimum":1},{"maximum":3}]}""", "5", "$ maximum" },
        { "anyOf none", """{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "1.5", "$ anyOf" },
        { "anyOf one", """{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "2", "" },
        { "oneOf two match", """{"oneOf":[{"minimum":1},{"maximum":10}]}""", "5", "$ oneOf" },
        { "not", """{"not":{"type":"null"}}""", "null", "$ not" },
        { "if then", """{"if":{"properties":{"kind":{"const":"file"}}},"then":{"required":["path"]},"else":{"required":["url"]}}""", """{"kind":"file"}""", "$ required" },
        { "if else", """{"if":{"properties":{"kind":{"const":"file"}}},"then":{"required":["path"]},"else":{"required":["url"]}}""", """{"kind":"web","url":"u"}""", "" },
        { "$ref to $defs", """{"$defs":{"pos":{"type":"integer","minimum":1}},"properties":{"n":{"$ref":"#/$defs/pos"}}}""", """{"n":0}""", "$.n minimum" },
        { "$ref to definitions (draft 7)", """{"definitions":{"s":{"type":"string"}},"items":{"$ref":"#/definitions/s"}}""", "[1]", "$[0] type" },
        { "recursive $ref", """{"properties":{"child":{"$ref":"#"},"n":{"type":"integer"}}}""", """{"child":{"child":{"n":"x"}}}""", "$.child.child.n type" },
        { "boolean schema true", "true", "{\"anything\":1}", "" },
        { "false property schema", """{"properties":{"x":false}}""", """{"x":1}""", "$.x false" },

        // 2020-12: identifiers, anchors, dynamic references, evaluation tracking
        { "$ref to an $anchor", """{"$defs":{"p":{"$anchor":"port","type":"integer","maximum":65535}},"properties":{"port":{"$ref":"#port"}}}""", """{"port":70000}""", "$.port maximum" },
        { "$ref to an embedded $id", """{"$id":"https://tools.example/search","$defs":{"q":{"$id":"query","type":"string"}},"properties":{"q":{"$ref":"query"}}}""", """{"q":1}""", "$.q type" },
        { "$ref beside other keywords (2020-12)", """{"$defs":{"s":{"type":"string"}},"properties":{"a":{"$ref":"#/$defs/s","maxLength":2}}}""", """{"a":"abc"}""", "$.a maxLength" },
        { "draft-07 $ref hides its siblings", """{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"s":{"type":"string"}},"properties":{"a":{"$ref":"#/definitions/s","maxLength":2}}}""", """{"a":"abc"}""", "" },
        { "unevaluatedProperties sees through allOf", """{"allOf":[{"properties":{"a":{}}}],"properties":{"b":{}},"unevaluatedProperties":false}""", """{"a":1,"b":2,"c":3}""", "$.c unevaluatedProperties" },
        { "unevaluatedProperties ignores a failed anyOf branch", """{"anyOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"b":{}}}],"unevaluatedProperties":false}""", """{"a":1,"b":2}""", "$.a unevaluatedProperties" },
        { "unevaluatedItems after prefixItems", """{"prefixItems":[{"type":"string"}],"unevaluatedItems":false}""", """["a","b"]""", "$[1] unevaluatedItems" },
        { "dependentSchemas", """{"dependentSchemas":{"card":{"required":["billing"]}}}""", """{"card":1}""", "$ required" },
        { "minContains and maxContains", """{"contains":{"type":"integer"},"minContains":2,"maxContains":3}""", "[1,\"a\"]", "$ contains" },
        {
            "$dynamicRef extends a recursive schema",
            """{"$id":"https://tools.example/strict-tree","$dynamicAnchor":"node","$ref":"tree","unevaluatedProperties":false,"$defs":{"tree":{"$id":"tree","$dynamicAnchor":"node","type":"object","properties":{"data":true,"children":{"type":"array","items":{"$dynamicRef":"#node"}}}}}}""",
            """{"children":[{"daat":1}]}""",
            "$.children[0].daat unevaluatedProperties"
        },

        // annotations pass; unknown keywords constrain nothing
        { "annotations only", """{"description":"d","default":1,"format":"email","examples":[1],"x-custom":true}""", "\"not an email\"", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void It_checks_each_keyword(string name, string schemaJson, string instanceJson, string expected)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        using var instance = JsonDocument.Parse(instanceJson);

        var violations = ArgumentSchema.Of(schema.RootElement).Validate(instance.RootElement);

        Assert.True(
            expected == string.Join("|", violations.Select(v => $"{v.Path} {v.Rule}")),
            $"{name}: expected [{expected}], got [{string.Join(" | ", violations)}]");
    }

    [Fact]
    public void Messages_say_what_was_expected()
    {
        using var schema = JsonDocument.Parse("""{"properties":{"path":{"type":"string","pattern":"^/"},"n":{"type":"integer","maximum":5},"mode":{"enum":["a","b"]}},"required":["path"]}""");
        using var instance = JsonDocument.Parse("""{"path":"etc","n":9,"mode":"c"}""");

        var messages = ArgumentSchema.Of(schema.RootElement).Validate(instance.RootElement).Select(v => v.ToString()).ToList();

        Assert.Contains("$.path: pattern: \"etc\" does not match the pattern ^/", messages);
        Assert.Contains("$.n: maximum: 9 is greater than the maximum 5", messages);
        Assert.Contains("$.mode: enum: \"c\" is not one of \"a\", \"b\"", messages);
    }

    [Fact]
    public void Absent_arguments_are_checked_as_an_empty_object()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","required":["message"]}""");

        var violations = ArgumentSchema.Of(schema.RootElement).Validate(default);

        Assert.Equal("$: required: missing property 'message'", Assert.Single(violations).ToString());
    }

    [Fact]
    public void A_pattern_that_runs_out_of_time_is_a_violation_not_a_pass()
    {
        var slow = "\"" + new string('a', 60) + "!\"";
        using var schema = JsonDocument.Parse("""{"properties":{"v":{"pattern":"^(a|aa)+$"}},"patternProperties":{"^(a|aa)+$":{"type":"number"}},"additionalProperties":false}""");
        using var instance = JsonDocument.Parse($$"""{"v":{{slow}},{{slow}}:1}""");

        var violations = ArgumentSchema.Of(schema.RootElement).Validate(instance.RootElement).Select(v => v.ToString()).ToList();

        Assert.Contains("$.v: pattern: could not be checked against the pattern ^(a|aa)+$ in time", violations);
        Assert.Contains(violations, v => v.Contains(": patternProperties: the name could not be checked against the pattern ^(a|aa)+$ in time", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains(": additionalProperties: the name could not be checked against patternProperties in time", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pattern_that_cannot_be_translated_is_skipped_and_listed()
    {
        using var schema = JsonDocument.Parse("""{"properties":{"b":{"pattern":"(?<=x"}}}""");
        using var instance = JsonDocument.Parse("""{"b":"y"}""");
        var compiled = ArgumentSchema.Of(schema.RootElement);

        Assert.Empty(compiled.Validate(instance.RootElement));
        Assert.Contains("pattern '(?<=x'", Assert.Single(compiled.Unchecked), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_to_another_document_is_refused_not_passed()
    {
        // MCP 2026-07-28: no network $ref by default, and a schema with an unresolved one is rejected.
        using var schema = JsonDocument.Parse("""{"properties":{"a":{"$ref":"https://example.com/s.json"},"b":{"type":"string"}}}""");
        var compiled = ArgumentSchema.Of(schema.RootElement);

        using var touchesIt = JsonDocument.Parse("""{"a":1}""");
        var refused = Assert.Single(compiled.Validate(touchesIt.RootElement));
        Assert.Equal("$ref", refused.Rule);
        Assert.Contains("'https://example.com/s.json' does not resolve", refused.Message, StringComparison.Ordinal);

        using var leavesItAlone = JsonDocument.Parse("""{"b":"x"}""");
        Assert.Empty(compiled.Validate(leavesItAlone.RootElement));
    }

    [Fact]
    public void A_dialect_mcpshim_does_not_know_is_refused()
    {
        using var schema = JsonDocument.Parse("""{"$schema":"https://example.com/my-dialect","type":"object"}""");

        var refused = Assert.Single(ArgumentSchema.Of(schema.RootElement).Validate(default));

        Assert.Equal("$: $schema: the tool's inputSchema cannot be checked: its \"$schema\" is 'https://example.com/my-dialect', a dialect mcpshim checks JSON Schema 2020-12, 2019-09, draft-07, draft-06 and draft-04", refused.ToString());
    }

    [Fact]
    public void A_schema_that_refers_to_itself_forever_is_refused()
    {
        using var schema = JsonDocument.Parse("""{"$ref":"#"}""");

        Assert.Equal("depth", Assert.Single(ArgumentSchema.Of(schema.RootElement).Validate(default)).Rule);
    }

    [Fact]
    public void A_schema_that_takes_too_many_steps_is_refused()
    {
        // 12 nested anyOf of 3 branches that all fail on the last level: 3^12 evaluations without the bound.
        var branch = "{\"type\":\"string\"}";
        for (var i = 0; i < 12; i++)
            branch = "{\"anyOf\":[" + branch + "," + branch + "," + branch + "]}";
        using var schema = JsonDocument.Parse(branch);

        Assert.Equal("budget", Assert.Single(ArgumentSchema.Of(schema.RootElement).Validate(default)).Rule);
    }

    [Fact]
    public void At_most_ten_violations_are_collected()
    {
        using var schema = JsonDocument.Parse("""{"items":{"type":"string"}}""");
        using var instance = JsonDocument.Parse("[" + string.Join(",", Enumerable.Range(0, 50)) + "]");

        Assert.Equal(10, ArgumentSchema.Of(schema.RootElement).Validate(instance.RootElement).Count);
    }
}
