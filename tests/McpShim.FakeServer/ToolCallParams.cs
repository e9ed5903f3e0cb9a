using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>
/// What a tools/call needs from "params", read in the same pass as the frame's top level: a 16 MB echo message is
/// scanned once, never skipped over again.
/// </summary>
internal readonly ref struct ToolCallParams
{
    public string? Name { get; init; }

    /// <summary>The raw JSON of "arguments"; empty when absent.</summary>
    public ReadOnlySpan<byte> Arguments { get; init; }

    /// <summary>The raw JSON token of arguments.message (quotes included); empty when absent.</summary>
    public ReadOnlySpan<byte> Message { get; init; }

    /// <summary>The raw JSON of _meta.progressToken; empty when absent.</summary>
    public ReadOnlySpan<byte> ProgressToken { get; init; }

    /// <summary>params.requestState of a 2026-07-28 retry; null when absent.</summary>
    public string? RequestState { get; init; }

    /// <summary>Reads an object from its StartObject token (the current one) through its EndObject.</summary>
    public static ToolCallParams Read(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        string? name = null, requestState = null;
        ReadOnlySpan<byte> arguments = default, message = default, progressToken = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType == JsonTokenType.StartObject)
                    message = FindMessage(ref reader, json);
                else
                    reader.Skip();
                arguments = json[start..(int)reader.BytesConsumed];
            }
            else if (reader.ValueTextEquals("requestState"u8))
            {
                reader.Read();
                requestState = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else
            {
                var isMeta = reader.ValueTextEquals("_meta"u8);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (isMeta)
                    JsonArguments.TryGetRaw(json[start..(int)reader.BytesConsumed], "progressToken"u8, out progressToken);
            }
        }

        return new ToolCallParams { Name = name, Arguments = arguments, Message = message, ProgressToken = progressToken, RequestState = requestState };
    }

    private static ReadOnlySpan<byte> FindMessage(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        ReadOnlySpan<byte> message = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMessage = reader.ValueTextEquals("message"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isMessage)
                message = json[start..(int)reader.BytesConsumed];
        }

        return message;
    }
}
