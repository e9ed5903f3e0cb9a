using System.Text;
using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>
/// The top level of one JSON-RPC frame, as slices of the frame's bytes, read in one pass. Values are skipped, not
/// parsed, so a ping costs one short scan and no allocation.
/// </summary>
internal readonly ref struct IncomingFrame
{
    /// <summary>The raw JSON token of "id" (quotes included for strings); empty when absent.</summary>
    public ReadOnlySpan<byte> Id { get; init; }

    /// <summary>True when "id" is a JSON string (the server's own "srv-N" ids are strings).</summary>
    public bool IdIsString { get; init; }

    /// <summary>The method name's UTF-8 bytes; empty for responses.</summary>
    public ReadOnlySpan<byte> Method { get; init; }

    /// <summary>The raw JSON value of "params"; empty when absent.</summary>
    public ReadOnlySpan<byte> Params { get; init; }

    /// <summary>"params" read as a tools/call's (whatever the method), in the same pass.</summary>
    public ToolCallParams ToolCall { get; init; }

    public bool IsRequest => !Method.IsEmpty && !Id.IsEmpty;

    public bool IsNotification => !Method.IsEmpty && Id.IsEmpty;

    public bool IsResponse => Method.IsEmpty && !Id.IsEmpty;

    /// <exception cref="JsonException">The frame is not a JSON object.</exception>
    public static IncomingFrame Parse(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a JSON-RPC frame must be a JSON object");

        ReadOnlySpan<byte> id = default, method = default, parameters = default;
        ToolCallParams toolCall = default;
        var idIsString = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                idIsString = reader.TokenType == JsonTokenType.String;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    reader.Skip();
                id = frame[start..(int)reader.BytesConsumed];
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                    throw new JsonException("\"method\" must be a string");
                method = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
            }
            else if (reader.ValueTextEquals("params"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType == JsonTokenType.StartObject)
                    toolCall = ToolCallParams.Read(ref reader, frame);
                else
                    reader.Skip();
                parameters = frame[start..(int)reader.BytesConsumed];
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new IncomingFrame { Id = id, IdIsString = idIsString, Method = method, Params = parameters, ToolCall = toolCall };
    }
}
