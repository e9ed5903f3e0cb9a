using System.Text.Json;

namespace McpShim.Policy.Schema;

internal sealed partial class SchemaValidator
{
    private bool CheckRef(JsonElement reference, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        if (reference.ValueKind != JsonValueKind.String)
            return true;
        var target = registry.Resolve(SchemaUri.Resolve(node.Resource.Uri, reference.GetString()!)) ?? throw Unresolved("$ref", reference.GetString()!);
        return Check(target, value, path, sink, parts);
    }

    /// <summary>
    /// 2020-12: a <c>$dynamicRef</c> whose first target has a matching <c>$dynamicAnchor</c> goes to the outermost
    /// resource in the dynamic scope that has one by that name; otherwise it is a plain <c>$ref</c>.
    /// </summary>
    private bool CheckDynamicRef(JsonElement reference, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        if (reference.ValueKind != JsonValueKind.String)
            return true;
        var absolute = SchemaUri.Resolve(node.Resource.Uri, reference.GetString()!);
        var target = registry.Resolve(absolute) ?? throw Unresolved("$dynamicRef", reference.GetString()!);
        var anchor = SchemaUri.Unescape(SchemaUri.Split(absolute).Fragment);
        if (anchor.Length > 0 && anchor[0] != '/'
            && target.Schema.ValueKind == JsonValueKind.Object
            && target.Schema.TryGetProperty("$dynamicAnchor", out var own) && own.ValueKind == JsonValueKind.String && own.ValueEquals(anchor))
        {
            foreach (var resource in _dynamicScope)
            {
                if (resource.DynamicAnchors.TryGetValue(anchor, out var outermost))
                {
                    target = new SchemaNode(outermost, resource);
                    break;
                }
            }
        }

        return Check(target, value, path, sink, parts);
    }

    /// <summary>2019-09: <c>$recursiveRef</c> to a root with <c>$recursiveAnchor</c> goes to the outermost such root in scope.</summary>
    private bool CheckRecursiveRef(JsonElement reference, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        if (reference.ValueKind != JsonValueKind.String)
            return true;
        var target = registry.Resolve(SchemaUri.Resolve(node.Resource.Uri, reference.GetString()!)) ?? throw Unresolved("$recursiveRef", reference.GetString()!);
        if (target.Resource.RecursiveAnchor)
        {
            var outermost = _dynamicScope.FirstOrDefault(r => r.RecursiveAnchor);
            if (outermost is not null)
                target = new SchemaNode(outermost.Root, outermost);
        }

        return Check(target, value, path, sink, parts);
    }

    private static SchemaRejectedException Unresolved(string keyword, string reference) => new(
        keyword,
        $"the {keyword} '{reference}' does not resolve to anything inside the tool's inputSchema, and mcpshim does not " +
        "fetch schemas from elsewhere (MCP forbids following network references by default), so the arguments cannot be checked");

    private bool CheckAllOf(JsonElement all, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        if (all.ValueKind != JsonValueKind.Array)
            return true;
        var ok = true;
        foreach (var branch in all.EnumerateArray())
        {
            ok &= Check(registry.Child(node, branch), value, path, sink, parts);
            if (!ok && sink is null)
                return false;
        }

        return ok;
    }

    private bool CheckAnyOf(JsonElement any, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        if (any.ValueKind != JsonValueKind.Array)
            return true;
        var matched = false;
        foreach (var branch in any.EnumerateArray())
        {
            matched |= Check(registry.Child(node, branch), value, path, null, parts);
            if (matched && parts is null)
                break; // with nothing to collect for unevaluated*, one passing branch is enough
        }

        return matched || Fail(sink, path, "anyOf", $"matches none of the {any.GetArrayLength()} allowed alternatives");
    }

    private bool CheckOneOf(JsonElement one, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        if (one.ValueKind != JsonValueKind.Array)
            return true;
        var matches = 0;
        var passed = parts is null ? null : new EvaluatedParts();
        foreach (var branch in one.EnumerateArray())
        {
            if (Check(registry.Child(node, branch), value, path, null, passed) && ++matches > 1)
                break;
        }

        if (matches == 1)
        {
            if (passed is not null)
                parts!.Add(passed);
            return true;
        }

        return Fail(sink, path, "oneOf", matches == 0
            ? $"matches none of the {one.GetArrayLength()} alternatives"
            : "matches more than one of the alternatives; exactly one is allowed");
    }

    private bool CheckIfThenElse(JsonElement condition, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts)
    {
        var branch = Check(registry.Child(node, condition), value, path, null, parts) ? "then" : "else";
        return !node.Schema.TryGetProperty(branch, out var next) || Check(registry.Child(node, next), value, path, sink, parts);
    }

    /// <summary><c>dependentSchemas</c> (and a draft-07 <c>dependencies</c> entry that is a schema): applies when the property is there.</summary>
    private bool CheckDependentSchema(string property, JsonElement dependency, SchemaNode node, JsonElement value, InstancePath path, List<SchemaViolation>? sink, EvaluatedParts? parts) =>
        !value.TryGetProperty(property, out _) || Check(registry.Child(node, dependency), value, path, sink, parts);
}
