using System.Text.Json;

namespace McpShim.Policy;

/// <summary>
/// Reads the client's answer to mcpshim's own <c>elicitation/create</c>, strictly (issue 13): only a plain accept
/// approves a call. Anything odd is <see cref="Invalid"/>, which denies it: a repeated or unknown key, an id spelt
/// otherwise than it was sent, both <c>result</c> and <c>error</c>, an action that is not one of the three, or an
/// accept that carries form fields (mcpshim asks for none, so a filled form answers someone else's question).
/// </summary>
internal static class ElicitationAnswer
{
    public const string Accept = "accept";
    public const string Error = "error";
    public const string Invalid = "invalid";

    /// <summary><c>accept</c>, <c>decline</c>, <c>cancel</c>, <see cref="Error"/> or <see cref="Invalid"/>.</summary>
    public static string Read(ReadOnlySpan<byte> frame, string id)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 64 });
            return ReadResponse(ref reader, id) is { } action && !reader.Read() ? action : Invalid;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Invalid; // not JSON, or a string that is no Unicode text
        }
    }

    /// <summary>
    /// An <c>ElicitResult</c> given inline (a 2026-07-28 client's <c>inputResponses</c> entry), read as strictly as a
    /// whole answer: <c>accept</c>, <c>decline</c>, <c>cancel</c> or <see cref="Invalid"/>. The frame it came in has
    /// passed the relay's strict reader, so it repeats no key.
    /// </summary>
    public static string ReadInline(JsonElement result)
    {
        // The same strict reading as a whole answer's result, over the entry's own bytes.
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(result.GetRawText()));
        try
        {
            return reader.Read() && ReadResult(ref reader) is { } action ? action : Invalid;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Invalid;
        }
    }

    private static string? ReadResponse(ref Utf8JsonReader reader, string id)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        bool version = false, sameId = false, error = false;
        string? action = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name))
                return null;
            reader.Read();
            switch (name)
            {
                case "jsonrpc":
                    version = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueTextEquals("2.0"u8);
                    break;
                case "id":
                    sameId = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueTextEquals(id);
                    break;
                case "result":
                    action = ReadResult(ref reader);
                    if (action is null)
                        return null;
                    break;
                case "error":
                    error = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                    break;
                default:
                    return null;
            }
        }

        if (!version || !sameId || (error && action is not null))
            return null;
        return error ? Error : action;
    }

    private static string? ReadResult(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        string? action = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name))
                return null;
            reader.Read();
            switch (name)
            {
                case "action" when reader.TokenType == JsonTokenType.String:
                    action = reader.GetString();
                    break;
                case "content" when reader.TokenType is JsonTokenType.StartObject or JsonTokenType.Null:
                    if (reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                        return null; // form fields: mcpshim asked for none
                    break;
                case "_meta" when reader.TokenType is JsonTokenType.StartObject or JsonTokenType.Null:
                    reader.Skip();
                    break;
                default:
                    return null;
            }
        }

        return action is Accept or "decline" or "cancel" ? action : null;
    }
}
