using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tomlyn.Parsing;

namespace McpShim.ClientConfig;

/// <summary>
/// A valid TOML text's data as a JSON document, from Tomlyn's event stream (no reflection, so AOT-safe). A table
/// opened again further down (<c>[mcp_servers.a]</c> after <c>[projects.x]</c>) is merged into the one before, as
/// TOML means it. Integers and floats become numbers (inf and nan strings), dates their TOML text.
/// </summary>
internal static class TomlModel
{
    public static JsonDocument Read(string text)
    {
        var parser = TomlParser.Create(text);
        var open = new Stack<JsonNode>();
        JsonNode? root = null;
        string? name = null;
        while (parser.MoveNext())
        {
            var current = parser.Current;
            switch (current.Kind)
            {
                case TomlParseEventKind.PropertyName:
                    name = parser.GetPropertyName();
                    continue;
                case TomlParseEventKind.StartTable:
                    open.Push(Open(open, name, () => new JsonObject(), ref root));
                    break;
                case TomlParseEventKind.StartArray:
                    open.Push(Open(open, name, () => new JsonArray(), ref root));
                    break;
                case TomlParseEventKind.EndTable or TomlParseEventKind.EndArray:
                    open.Pop();
                    break;
                case TomlParseEventKind.String:
                    Add(open.Peek(), name, JsonValue.Create(parser.GetString()));
                    break;
                case TomlParseEventKind.Integer:
                    Add(open.Peek(), name, JsonValue.Create(current.GetInt64()));
                    break;
                case TomlParseEventKind.Float:
                    var number = current.GetDouble();
                    Add(open.Peek(), name, double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)));
                    break;
                case TomlParseEventKind.Boolean:
                    Add(open.Peek(), name, JsonValue.Create(current.GetBoolean()));
                    break;
                case TomlParseEventKind.DateTime:
                    Add(open.Peek(), name, JsonValue.Create(current.GetTomlDateTime().ToString()));
                    break;
            }

            name = null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            (root ?? new JsonObject()).WriteTo(writer);
        return JsonDocument.Parse(buffer.ToArray());
    }

    /// <summary>The table or array a start event opens: a new one, or the same-named one already there (TOML reopens tables and appends to arrays of tables).</summary>
    private static JsonNode Open(Stack<JsonNode> open, string? name, Func<JsonNode> create, ref JsonNode? root)
    {
        if (open.Count == 0)
            return root ??= create();
        if (name is not null && open.Peek() is JsonObject parent && parent[name] is { } existing && existing.GetValueKind() == create().GetValueKind())
            return existing;
        var node = create();
        Add(open.Peek(), name, node);
        return node;
    }

    private static void Add(JsonNode parent, string? name, JsonNode? value)
    {
        if (parent is JsonArray array)
            array.Add(value);
        else
            parent[name ?? string.Empty] = value;
    }
}
