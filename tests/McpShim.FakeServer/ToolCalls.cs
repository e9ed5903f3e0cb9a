using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>
/// The tools of echo mode. Quick tools answer into the caller's buffer; tools that wait (slow, sample, elicit) run
/// in the background and send their own answer, so the read loop keeps serving other requests.
/// </summary>
internal sealed class ToolCalls(FrameWriter writer, ServerRequests serverRequests, ToolCatalog catalog)
{
    /// <summary>From this size on, an echo is sent in three writes rather than copied into one buffer.</summary>
    private const int LargeMessage = 64 * 1024;

    /// <summary>Answers into <paramref name="output"/>, or leaves it empty when the answer will come later.</summary>
    public void Call(ReadOnlySpan<byte> id, ToolCallParams call, ArrayBufferWriter<byte> output)
    {
        var arguments = call.Arguments;
        switch (call.Name)
        {
            case "echo":
                Echo(id, call.Message, output);
                break;
            case "big":
                Big(id, Int(arguments, "bytes"u8), output);
                break;
            case "fail":
                JsonRpcFrames.TextResult(output, id, "the 'fail' tool always fails", isError: true);
                break;
            case "stderr":
                var lines = Int(arguments, "lines"u8);
                for (var i = 1; i <= lines; i++)
                    StderrLog.Write("stderr line " + i.ToString(CultureInfo.InvariantCulture));
                JsonRpcFrames.TextResult(output, id, $"wrote {lines} lines to stderr");
                break;
            case "store" when catalog.HasStore:
                JsonRpcFrames.TextResult(output, id, "stored " + (JsonArguments.GetString(arguments, "path"u8) ?? "(no path)"));
                break;
            case "late" when catalog.HasLate:
                JsonRpcFrames.TextResult(output, id, "the late tool answers");
                break;
            case "slow":
                var ms = Int(arguments, "ms"u8);
                InBackground(id, async (requestId, answer) =>
                {
                    await Task.Delay(ms);
                    JsonRpcFrames.TextResult(answer, requestId, $"slept {ms} ms");
                });
                break;
            case "progress":
                Progress(id, call.ProgressToken, Int(arguments, "steps"u8), output);
                break;
            case "sample":
                Sample(id, JsonArguments.GetString(arguments, "prompt"u8) ?? "Say hello");
                break;
            case "elicit":
                Elicit(id, JsonArguments.GetString(arguments, "message"u8) ?? "Please confirm", JsonArguments.GetString(arguments, "id"u8),
                    JsonArguments.TryGetRaw(arguments, "escapeId"u8, out var escape) && escape.SequenceEqual("true"u8));
                break;
            case "needs-input" when call.RequestState is null:
                // 2026-07-28 Multi Round-Trip Requests: ask for input, and carry the state in requestState.
                JsonRpcFrames.Result(output, id, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("resultType", "input_required");
                    json.WriteStartObject("inputRequests");
                    json.WriteStartObject("fake/name");
                    json.WriteString("method", "elicitation/create");
                    json.WriteStartObject("params");
                    json.WriteString("mode", "form");
                    json.WriteString("message", "Your name?");
                    json.WriteStartObject("requestedSchema");
                    json.WriteString("type", "object");
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteString("requestState", "fake-state-1");
                    json.WriteEndObject();
                });
                break;
            case "needs-input":
                JsonRpcFrames.TextResult(output, id, "resumed with " + call.RequestState);
                break;
            case "notify": // unlisted: sends the client any notification, as a hostile server might
                var method = JsonArguments.GetString(arguments, "method"u8) ?? "notifications/message";
                var notification = new ArrayBufferWriter<byte>();
                var parameters = JsonArguments.TryGetRaw(arguments, "params"u8, out var raw) ? raw.ToArray() : null;
                JsonRpcFrames.Notification(notification, method, parameters is null ? null : json => json.WriteRawValue(parameters));
                writer.Write(notification.WrittenSpan);
                JsonRpcFrames.TextResult(output, id, "sent " + method);
                break;
            default:
                JsonRpcFrames.Error(output, id, JsonRpcFrames.InvalidParams, $"Unknown tool: {call.Name}");
                break;
        }
    }

    private static int Int(ReadOnlySpan<byte> arguments, ReadOnlySpan<byte> name) =>
        JsonArguments.TryGetInt(arguments, name, out var value) ? value : 0;

    /// <summary>
    /// The message's JSON string token goes out as it came in: a 16 MB echo is never decoded, re-escaped or copied
    /// into another buffer.
    /// </summary>
    private void Echo(ReadOnlySpan<byte> id, ReadOnlySpan<byte> message, ArrayBufferWriter<byte> output)
    {
        if (!JsonArguments.IsString(message))
        {
            JsonRpcFrames.Error(output, id, JsonRpcFrames.InvalidParams, "echo needs a string argument 'message'");
            return;
        }

        if (message.Length < LargeMessage)
        {
            JsonRpcFrames.RawTextResult(output, id, message);
            return;
        }

        JsonRpcFrames.TextResultHead(output, id);
        writer.Write(output.WrittenSpan, message, JsonRpcFrames.TextResultTail);
        output.ResetWrittenCount();
    }

    private static void Big(ReadOnlySpan<byte> id, int bytes, ArrayBufferWriter<byte> output)
    {
        var text = new byte[bytes + 2];
        text.AsSpan().Fill((byte)'x');
        text[0] = text[^1] = (byte)'"';
        JsonRpcFrames.RawTextResult(output, id, text);
    }

    /// <summary>Answered inline (no waiting involved): each notification is sent before the result.</summary>
    private void Progress(ReadOnlySpan<byte> id, ReadOnlySpan<byte> progressToken, int steps, ArrayBufferWriter<byte> output)
    {
        if (!progressToken.IsEmpty)
        {
            var token = progressToken.ToArray();
            for (var step = 1; step <= steps; step++)
            {
                var progress = step;
                output.ResetWrittenCount();
                JsonRpcFrames.Notification(output, "notifications/progress", json =>
                {
                    json.WriteStartObject();
                    json.WritePropertyName("progressToken");
                    json.WriteRawValue(token, skipInputValidation: true);
                    json.WriteNumber("progress", progress);
                    json.WriteNumber("total", steps);
                    json.WriteString("message", $"step {progress} of {steps}");
                    json.WriteEndObject();
                });
                writer.Enqueue(output.WrittenSpan);
            }

            output.ResetWrittenCount();
        }

        JsonRpcFrames.TextResult(output, id, $"done {steps} steps");
    }

    private void Sample(ReadOnlySpan<byte> id, string prompt) =>
        InBackground(id, async (requestId, answer) =>
        {
            var response = await serverRequests.SendAsync("sampling/createMessage", json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("messages");
                json.WriteStartObject();
                json.WriteString("role", "user");
                json.WriteStartObject("content");
                json.WriteString("type", "text");
                json.WriteString("text", prompt);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteNumber("maxTokens", 100);
                json.WriteEndObject();
            });
            AnswerFromClient(requestId, answer, response, ReadSampledText);
        });

    /// <param name="elicitationId">The id to send the request under (default "srv-N"), <paramref name="escapeId"/> spelt with escapes.</param>
    private void Elicit(ReadOnlySpan<byte> id, string message, string? elicitationId, bool escapeId) =>
        InBackground(id, async (requestId, answer) =>
        {
            var response = await serverRequests.SendAsync("elicitation/create", json => WriteForm(json, message), elicitationId, escapeId);
            AnswerFromClient(requestId, answer, response, result =>
                result.TryGetProperty("action", out var action) ? action.GetString() : null);
        });

    /// <summary>The params of an <c>elicitation/create</c> asking for one boolean, <c>confirm</c>.</summary>
    public static void WriteForm(Utf8JsonWriter json, string message)
    {
        json.WriteStartObject();
        json.WriteString("message", message);
        json.WriteStartObject("requestedSchema");
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        json.WriteStartObject("confirm");
        json.WriteString("type", "boolean");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string? ReadSampledText(JsonElement result)
    {
        if (!result.TryGetProperty("content", out var content))
            return null;
        if (content.ValueKind == JsonValueKind.Array)
            content = content.EnumerateArray().FirstOrDefault();
        return content.ValueKind == JsonValueKind.Object && content.TryGetProperty("text", out var text)
            ? text.GetString()
            : null;
    }

    /// <summary>Turns the client's answer into the tool's text result; a client error becomes a tool error.</summary>
    private static void AnswerFromClient(
        byte[] requestId, ArrayBufferWriter<byte> answer, byte[] response, Func<JsonElement, string?> readText)
    {
        using var document = JsonDocument.Parse(response);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            var message = error.TryGetProperty("message", out var text) ? text.GetString() : error.GetRawText();
            JsonRpcFrames.TextResult(answer, requestId, $"client answered with an error: {message}", isError: true);
        }
        else if (root.TryGetProperty("result", out var result) && readText(result) is { } value)
        {
            JsonRpcFrames.TextResult(answer, requestId, value);
        }
        else
        {
            JsonRpcFrames.TextResult(answer, requestId, $"unexpected answer from client: {root.GetRawText()}", isError: true);
        }
    }

    private void InBackground(ReadOnlySpan<byte> id, Func<byte[], ArrayBufferWriter<byte>, Task> work)
    {
        var requestId = id.ToArray();
        _ = Task.Run(async () =>
        {
            var answer = new ArrayBufferWriter<byte>();
            try
            {
                await work(requestId, answer);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
            {
                StderrLog.Write($"background tool call failed: {e}");
                answer.ResetWrittenCount();
                JsonRpcFrames.Error(answer, requestId, -32603, e.Message);
            }

            writer.Write(answer.WrittenSpan);
        });
    }
}
