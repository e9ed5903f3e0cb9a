using System.Text.Json;

namespace McpShim.Policy;

/// <summary>
/// Where the tools are in one <c>tools/list</c> answer: the byte span of <c>result.tools</c> and of each of its
/// elements, and <c>result.nextCursor</c>. Found with a reader over the frame's bytes, so a filtered answer can be
/// rebuilt from the original bytes (<see cref="ToolListFilter"/>) without re-serializing anything else.
/// </summary>
internal sealed class ToolListPage
{
    private ToolListPage(int arrayStart, int arrayEnd, List<Range> tools, string? nextCursor)
    {
        ArrayStart = arrayStart;
        ArrayEnd = arrayEnd;
        Tools = tools;
        NextCursor = nextCursor;
    }

    /// <summary>Offset of the <c>[</c> of <c>result.tools</c> in the frame.</summary>
    public int ArrayStart { get; }

    /// <summary>Offset just after its <c>]</c>.</summary>
    public int ArrayEnd { get; }

    /// <summary>Each element's bytes in the frame.</summary>
    public IReadOnlyList<Range> Tools { get; }

    public string? NextCursor { get; }

    /// <summary>
    /// Reads the result that starts at <paramref name="resultStart"/>. Null when it is not an object with one
    /// <c>tools</c> array: such an answer cannot be filtered, so it must not reach the client as it is.
    /// </summary>
    public static ToolListPage? Read(ReadOnlySpan<byte> frame, int resultStart)
    {
        if (resultStart < 0)
            return null;
        try
        {
            var reader = new Utf8JsonReader(frame[resultStart..], new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            int arrayStart = -1, arrayEnd = -1;
            string? cursor = null;
            var tools = new List<Range>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("tools"u8))
                {
                    reader.Read();
                    if (arrayStart >= 0 || reader.TokenType != JsonTokenType.StartArray)
                        return null; // a second "tools" key: a client might read either one
                    arrayStart = resultStart + (int)reader.TokenStartIndex;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var start = resultStart + (int)reader.TokenStartIndex;
                        reader.Skip();
                        tools.Add(new Range(start, resultStart + (int)reader.BytesConsumed));
                    }

                    arrayEnd = resultStart + (int)reader.BytesConsumed;
                }
                else if (reader.ValueTextEquals("nextCursor"u8))
                {
                    reader.Read();
                    cursor = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return arrayStart < 0 ? null : new ToolListPage(arrayStart, arrayEnd, tools, cursor);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Each element read as a definition; null where an element is not a readable tool.</summary>
    public List<ToolDefinition?> ReadDefinitions(ReadOnlySpan<byte> frame)
    {
        var definitions = new List<ToolDefinition?>(Tools.Count);
        foreach (var range in Tools)
        {
            try
            {
                using var document = JsonDocument.Parse(frame[range].ToArray());
                definitions.Add(ToolDefinition.From(document.RootElement));
            }
            catch (JsonException)
            {
                definitions.Add(null);
            }
        }

        return definitions;
    }
}
