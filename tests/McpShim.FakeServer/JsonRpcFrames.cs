using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>Builds outgoing frames (compact JSON plus "\n") into a buffer; the caller sends the buffer.</summary>
internal static class JsonRpcFrames
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;

    /// <summary>Compact, and readable in test output: no \u0027 for quotes or accents.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static ReadOnlySpan<byte> Head => "{\"jsonrpc\":\"2.0\",\"id\":"u8;

    private static ReadOnlySpan<byte> ResultKey => ",\"result\":"u8;

    private static ReadOnlySpan<byte> Tail => "}\n"u8;

    /// <summary>A response whose result is already JSON; the id and result are copied as they are.</summary>
    public static void RawResult(IBufferWriter<byte> output, ReadOnlySpan<byte> id, ReadOnlySpan<byte> result)
    {
        output.Write(Head);
        output.Write(id);
        output.Write(ResultKey);
        output.Write(result);
        output.Write(Tail);
    }

    /// <summary>What follows the text of a one-text-item tool result started by <see cref="TextResultHead"/>.</summary>
    public static ReadOnlySpan<byte> TextResultTail => "}]}}\n"u8;

    /// <summary>A tool result with one text item whose value is an already-escaped JSON string token.</summary>
    public static void RawTextResult(IBufferWriter<byte> output, ReadOnlySpan<byte> id, ReadOnlySpan<byte> jsonString)
    {
        TextResultHead(output, id);
        output.Write(jsonString);
        output.Write(TextResultTail);
    }

    /// <summary>A one-text-item tool result up to its text value, for texts written separately.</summary>
    public static void TextResultHead(IBufferWriter<byte> output, ReadOnlySpan<byte> id)
    {
        output.Write(Head);
        output.Write(id);
        output.Write(",\"result\":{\"content\":[{\"type\":\"text\",\"text\":"u8);
    }

    /// <summary>A response whose result is written by <paramref name="writeResult"/> as one JSON value.</summary>
    public static void Result(IBufferWriter<byte> output, ReadOnlySpan<byte> id, Action<Utf8JsonWriter> writeResult)
    {
        output.Write(Head);
        output.Write(id);
        output.Write(ResultKey);
        using (var json = new Utf8JsonWriter(output, WriterOptions))
            writeResult(json);
        output.Write(Tail);
    }

    public static void TextResult(IBufferWriter<byte> output, ReadOnlySpan<byte> id, string text, bool isError = false) =>
        Result(output, id, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("content");
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", text);
            json.WriteEndObject();
            json.WriteEndArray();
            if (isError)
                json.WriteBoolean("isError", true);
            json.WriteEndObject();
        });

    /// <param name="id">The request's raw id, or empty when it could not be read (sent as null).</param>
    public static void Error(IBufferWriter<byte> output, ReadOnlySpan<byte> id, int code, string message)
    {
        output.Write(Head);
        output.Write(id.IsEmpty ? "null"u8 : id);
        output.Write(",\"error\":"u8);
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("code", code);
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        output.Write(Tail);
    }

    public static void Notification(IBufferWriter<byte> output, string method, Action<Utf8JsonWriter>? writeParams)
    {
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            json.WriteString("method", method);
            if (writeParams is not null)
            {
                json.WritePropertyName("params");
                writeParams(json);
            }

            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    /// <param name="rawId">The id as JSON, written as it is (a test may spell it with escapes).</param>
    public static void Request(IBufferWriter<byte> output, string rawId, string method, Action<Utf8JsonWriter> writeParams)
    {
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            json.WritePropertyName("id");
            json.WriteRawValue(rawId, skipInputValidation: true);
            json.WriteString("method", method);
            json.WritePropertyName("params");
            writeParams(json);
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }
}
