using System.Text.Json;
using McpShim.Relay;

namespace McpShim.Policy;

/// <summary>
/// Reads the few things the policy needs from frames it handles whole: the client's elicitation capability, a
/// cursor, a cancelled request's id, a tool call's arguments. These frames are rare or small;
/// nothing here runs for frames the policy does not touch.
/// </summary>
internal static class PolicyFrames
{
    /// <summary>
    /// Whether an <c>initialize</c> request declares <c>capabilities.elicitation</c> for forms: <c>{}</c> (any
    /// version) or one with <c>form</c> (2025-11-25, where <c>{"url": {}}</c> alone means URL mode only).
    /// </summary>
    public static bool DeclaresElicitation(ReadOnlySpan<byte> frame) => Read(frame, root =>
        root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty("capabilities", out var capabilities) && capabilities.ValueKind == JsonValueKind.Object
        && capabilities.TryGetProperty("elicitation", out var elicitation) && elicitation.ValueKind == JsonValueKind.Object
        && (!elicitation.EnumerateObject().Any() || elicitation.TryGetProperty("form", out _)));

    /// <summary>Whether a <c>tools/list</c> request asks for a later page (has <c>params.cursor</c>).</summary>
    public static bool HasCursor(ReadOnlySpan<byte> frame) => Read(frame, root =>
        root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty("cursor", out var cursor) && cursor.ValueKind == JsonValueKind.String);

    /// <summary><c>params.requestId</c> of <c>notifications/cancelled</c>.</summary>
    public static RequestKey? CancelledRequest(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("params", out var p) || p.ValueKind != JsonValueKind.Object
                || !p.TryGetProperty("requestId", out var id))
            {
                return null;
            }

            return id.ValueKind switch
            {
                JsonValueKind.Number => RequestKey.FromNumber(System.Text.Encoding.UTF8.GetBytes(id.GetRawText())),
                JsonValueKind.String => RequestKey.FromJson(id.GetRawText()),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A tool call's <c>params.arguments</c> as a document of its own (the caller disposes it); null when absent,
    /// which MCP treats as no arguments. Only the arguments' bytes are copied: a 16 MB call is not parsed whole twice.
    /// </summary>
    public static JsonDocument? ReadArguments(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            JsonDocument? arguments = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isParams = reader.ValueTextEquals("params"u8);
                reader.Read();
                if (!isParams || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                // A repeated "params" replaces the earlier one, as in JavaScript and in FrameInspector.
                arguments?.Dispose();
                arguments = null;

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isArguments = reader.ValueTextEquals("arguments"u8);
                    reader.Read();
                    if (isArguments)
                    {
                        arguments?.Dispose(); // a repeated key: the last one counts
                        arguments = JsonDocument.ParseValue(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }

            return arguments;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Read(ReadOnlySpan<byte> frame, Func<JsonElement, bool> look)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object && look(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
