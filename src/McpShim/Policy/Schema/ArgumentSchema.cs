using System.Collections.Concurrent;
using System.Text.Json;
using McpShim.Policy.Schema.Ecma;

namespace McpShim.Policy.Schema;

/// <summary>
/// A tool's <c>inputSchema</c> ready to check arguments against (<see cref="SchemaValidator"/> says how). Patterns
/// are ECMA-262 regular expressions, translated for .NET (<see cref="EcmaPattern"/>) and compiled once, on first
/// use, with a match timeout; a match that runs out of time is a violation. A pattern that cannot be translated
/// faithfully is skipped and listed in <see cref="Unchecked"/>, so the session can say so once. A schema that
/// cannot be checked at all (a <c>$ref</c> outside it, an unknown dialect, past the resource bounds) refuses every
/// call that reaches that part, as MCP 2026-07-28 asks, rather than letting it through unchecked.
/// </summary>
internal sealed class ArgumentSchema
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly JsonElement NoArguments = JsonDocument.Parse("{}").RootElement;

    private readonly ConcurrentDictionary<string, EcmaRegex?> _patterns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unchecked = new(StringComparer.Ordinal);
    private readonly SchemaRegistry _registry = new();
    private readonly SchemaResource? _root;

    private ArgumentSchema(JsonElement root, string baseUri, IEnumerable<KeyValuePair<string, JsonElement>> documents)
    {
        foreach (var (uri, document) in documents)
            _registry.Add(document, uri);
        if (root.ValueKind != JsonValueKind.Undefined)
            _root = _registry.Add(root, baseUri);
    }

    public IReadOnlyCollection<string> Unchecked => _unchecked.Keys.ToArray();

    /// <summary>A schema of <see cref="JsonValueKind.Undefined"/> (none advertised) accepts any arguments.</summary>
    public static ArgumentSchema Of(JsonElement inputSchema) => new(inputSchema, SchemaUri.DefaultBase, []);

    /// <summary>
    /// A schema retrieved from <paramref name="baseUri"/> that may refer to <paramref name="documents"/> (by URI):
    /// how the JSON-Schema-Test-Suite runs its remote references. A tool's schema never has any.
    /// </summary>
    public static ArgumentSchema Of(JsonElement schema, string baseUri, IEnumerable<KeyValuePair<string, JsonElement>> documents) =>
        new(schema, baseUri, documents);

    /// <summary>Every violation (up to ten) of <paramref name="arguments"/>; absent arguments are checked as <c>{}</c>.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement arguments)
    {
        if (_root is null)
            return [];
        _registry.Prepare();
        if (_registry.Problem is { } problem)
            return [new SchemaViolation("$", "$schema", $"the tool's inputSchema cannot be checked: {problem}")];
        var violations = new List<SchemaViolation>();
        try
        {
            var value = arguments.ValueKind == JsonValueKind.Undefined ? NoArguments : arguments;
            new SchemaValidator(this, _registry).Check(new SchemaNode(_root.Root, _root), value, InstancePath.Root, violations, null);
        }
        catch (SchemaRejectedException ex)
        {
            return [new SchemaViolation("$", ex.Rule, ex.Message)];
        }
        catch (InvalidOperationException)
        {
            // A string escaped as a lone surrogate ("\ud800"): valid JSON, and JavaScript reads it, but it is no
            // Unicode text .NET can decode, so it cannot be checked. Refused rather than passed unchecked.
            return [new SchemaViolation("$", "unicode", "a string in the arguments is not valid Unicode text (it holds a lone surrogate escape such as \\ud800), so it cannot be checked")];
        }

        return violations;
    }

    /// <summary>
    /// The pattern as .NET runs it with ECMA-262's meaning (<see cref="EcmaPattern"/>), or null (noted as
    /// unchecked) when it cannot be translated faithfully: checked as JavaScript would check it, or not at all.
    /// </summary>
    public EcmaRegex? Pattern(string pattern) => _patterns.GetOrAdd(pattern, p =>
    {
        try
        {
            return new EcmaRegex(p, MatchTimeout);
        }
        catch (EcmaPatternException ex)
        {
            NoteUnchecked($"pattern '{p}' ({ex.Message}; ECMA-262 with the u flag is what mcpshim checks)");
            return null;
        }
        catch (ArgumentException)
        {
            NoteUnchecked($"pattern '{p}' (not a regular expression .NET can run once translated)");
            return null;
        }
    });

    public void NoteUnchecked(string what) => _unchecked.TryAdd(what, true);
}
