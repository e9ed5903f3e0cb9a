using System.Text;
using System.Text.Json;
using McpShim.Json;

namespace McpShim.Containers.EngineApi;

/// <summary>The Engine API answered a call with an error status; <see cref="EngineMessage"/> is its own wording.</summary>
internal sealed class EngineApiException(int status, string engineMessage)
    : Exception($"HTTP {status}: {engineMessage}")
{
    public int Status { get; } = status;

    public string EngineMessage { get; } = engineMessage;

    /// <summary>The error an answer stands for: the engine's <c>{"message":...}</c>, else the body's text, else the reason phrase.</summary>
    public static EngineApiException From(HttpResponseHead head, byte[] body)
    {
        string? message = null;
        try
        {
            message = JsonSerializer.Deserialize(body, ShimJsonContext.Default.EngineApiError)?.Message;
        }
        catch (JsonException)
        {
            // Not the engine's JSON (a proxy in between?): show the text instead.
        }

        message ??= Encoding.UTF8.GetString(body).Trim() is { Length: > 0 } text ? (text.Length > 300 ? text[..300] + "…" : text) : head.Reason;
        return new EngineApiException(head.Status, message);
    }
}
