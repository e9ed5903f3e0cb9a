using System.Text.Json;

namespace McpShim.Relay;

/// <summary>
/// Reads a frame's JSON-RPC envelope: kind, method and id, whether it says <c>"jsonrpc": "2.0"</c>, plus the tool name
/// and arguments of <c>tools/call</c> and <c>result.isError</c> of responses. Values it does not need are skipped, never
/// materialised; a <c>tools/call</c> whose method comes before its params (as every SDK writes it) is read in one pass.
/// </summary>
internal static class FrameInspector
{
    public const string ToolsCall = "tools/call";

    /// <param name="plainFirst">Try <see cref="PlainEnvelope"/> first: only where nothing depends on the frame being valid JSON (no tool policy).</param>
    public static FrameInfo Inspect(ReadOnlySpan<byte> frame, bool keepArgumentValues, bool plainFirst = false)
    {
        if (plainFirst && PlainEnvelope.TryInspect(frame, out var plain))
            return plain;
        try
        {
            return InspectCore(frame, keepArgumentValues);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or strings that are not valid UTF-8: forwarded unchanged all the same.
            return FrameInfo.Other;
        }
    }

    private static FrameInfo InspectCore(ReadOnlySpan<byte> frame, bool keepArgumentValues)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return FrameInfo.Other;

        string? method = null;
        RequestKey? id = null;
        bool hasId = false, hasResult = false, hasError = false, canonicalId = false;
        bool? version = null; // the first "jsonrpc" member decides
        Utf8JsonReader paramsReader = default;
        bool hasParams = false, toolCallRead = false; // toolCallRead: the last params were read as a tool call's already
        string? tool = null;
        ToolCallArguments? arguments = null;
        var resultStart = -1;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("jsonrpc"u8))
            {
                reader.Read();
                version ??= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                hasId = true;
                id = ReadId(ref reader, out canonicalId);
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                method = KnownMethods.Read(ref reader);
            }
            else if (reader.ValueTextEquals("params"u8))
            {
                reader.Read();
                hasParams = true;
                toolCallRead = method == ToolsCall;
                if (toolCallRead && reader.TokenType == JsonTokenType.StartObject)
                {
                    // Read now rather than skipped and read again: a big call's arguments are walked once.
                    ReadToolCall(ref reader, frame, keepArgumentValues, out tool, out arguments);
                }
                else if (toolCallRead)
                {
                    (tool, arguments) = (null, null);
                    reader.Skip();
                }
                else
                {
                    paramsReader = reader;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                resultStart = (int)reader.TokenStartIndex;
                hasResult = true;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                hasError = true;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var says20 = version == true;
        if (method is not null)
        {
            if (!hasId)
                return new FrameInfo(MessageKind.Notification, method, null, null, null, false, false, SaysJsonRpc20: says20);
            if (method != ToolsCall || !hasParams)
                (tool, arguments) = (null, null);
            else if (!toolCallRead)
                ReadToolCall(ref paramsReader, frame, keepArgumentValues, out tool, out arguments);
            return new FrameInfo(MessageKind.Request, method, id, tool, arguments, false, false, NonCanonicalId: !canonicalId, SaysJsonRpc20: says20);
        }

        if (hasId && (hasResult || hasError))
            return new FrameInfo(MessageKind.Response, null, id, null, null, hasError, false, resultStart, !canonicalId, says20);

        return FrameInfo.Other;
    }

    /// <summary>The id by its value (<c>1.0</c> and <c>1</c>, <c>"2"</c> and <c>"2"</c> are one key); <paramref name="canonical"/> says whether it was written plainly.</summary>
    private static RequestKey? ReadId(ref Utf8JsonReader reader, out bool canonical)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                canonical = RequestKey.IsCanonicalInteger(reader.ValueSpan);
                return RequestKey.FromNumber(reader.ValueSpan);
            case JsonTokenType.String when reader.ValueIsEscaped:
                canonical = false;
                return RequestKey.FromDecodedString(reader.GetString()!);
            case JsonTokenType.String:
                canonical = true;
                return RequestKey.FromString(reader.ValueSpan);
            case JsonTokenType.Null:
                canonical = false;
                return RequestKey.Null;
            default:
                canonical = false;
                reader.Skip();
                return null;
        }
    }

    /// <summary>Whether a <c>result</c> object (the bytes from its opening brace on) has <c>isError: true</c>.</summary>
    public static bool ResultIsError(ReadOnlySpan<byte> result)
    {
        try
        {
            var reader = new Utf8JsonReader(result, new JsonReaderOptions { MaxDepth = 256 });
            return reader.Read() && ReadIsError(ref reader);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ReadToolCall(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> frame,
        bool keepValues,
        out string? tool,
        out ToolCallArguments? arguments)
    {
        tool = null;
        arguments = null;
        if (reader.TokenType != JsonTokenType.StartObject)
            return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                tool = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                arguments = ReadArguments(ref reader, frame, keepValues);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static ToolCallArguments? ReadArguments(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, bool keepValues)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var start = (int)reader.TokenStartIndex;
        var sizes = new List<KeyValuePair<string, long>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var valueStart = reader.TokenStartIndex;
            reader.Skip();
            sizes.Add(new(name, reader.BytesConsumed - valueStart));
        }

        var raw = keepValues ? frame[start..(int)reader.BytesConsumed].ToArray() : null;
        return new ToolCallArguments(sizes, raw);
    }

    private static bool ReadIsError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("isError"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.True;
            }

            reader.Read();
            reader.Skip();
        }

        return false;
    }
}
