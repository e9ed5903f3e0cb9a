using System.Collections.Concurrent;
using System.Text.Json;
using McpShim.Policy.Schema.Ecma;

namespace McpShim.Policy.Schema;

/// <summary>
/// A tool's <c>inputSchema</c> ready to check arguments against (<see cref="SchemaValidator"/> lists the keywords).
/// Patterns are ECMA-262 regular expressions, translated for .NET (<see cref="EcmaPattern"/>) and compiled once, on
/// first use, with a match timeout; a match that runs out of time is a violation. What cannot be checked (a
/// <c>$ref</c> to another document, a pattern that cannot be translated faithfully) is skipped, and listed in
/// <see cref="Unchecked"/> so the session can say so once.
/// </summary>
internal sealed class ArgumentSchema
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly JsonElement NoArguments = JsonDocument.Parse("{}").RootElement;

    private readonly ConcurrentDictionary<string, EcmaRegex?> _patterns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unchecked = new(StringComparer.Ordinal);

    private ArgumentSchema(JsonElement root) => Root = root;

    /// <summary>The whole schema, which <c>$ref</c>s starting with <c>#</c> point into.</summary>
    public JsonElement Root { get; }

    public IReadOnlyCollection<string> Unchecked => _unchecked.Keys.ToArray();

    /// <summary>A schema of <see cref="JsonValueKind.Undefined"/> (none advertised) accepts any arguments.</summary>
    public static ArgumentSchema Of(JsonElement inputSchema) => new(inputSchema);

    /// <summary>Every violation (up to ten) of <paramref name="arguments"/>; absent arguments are checked as <c>{}</c>.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement arguments)
    {
        if (Root.ValueKind == JsonValueKind.Undefined)
            return [];
        var violations = new List<SchemaViolation>();
        try
        {
            new SchemaValidator(this).Check(Root, arguments.ValueKind == JsonValueKind.Undefined ? NoArguments : arguments, InstancePath.Root, violations);
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

    /// <summary>Resolves a <c>$ref</c> inside this schema (<c>#</c>, <c>#/$defs/x</c>, <c>#/definitions/x</c>).</summary>
    public JsonElement? Resolve(string reference)
    {
        if (reference == "#")
            return Root;
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
            return null;
        var current = Root;
        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
                current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < current.GetArrayLength())
                current = current[index];
            else
                return null;
        }

        return current;
    }

    public void NoteUnchecked(string what) => _unchecked.TryAdd(what, true);
}
