using System.Globalization;
using System.Text.Json;

namespace McpShim.Smoke;

/// <summary>
/// What came of one request: the server's <c>result</c>, or a <see cref="Problem"/> in words (a JSON-RPC error, no
/// answer in time, the server gone). Owns the response's <see cref="JsonDocument"/>.
/// </summary>
internal sealed class JsonRpcReply : IDisposable
{
    private readonly JsonDocument? _document;

    private JsonRpcReply(JsonDocument? document, JsonElement result, string? problem, double elapsedMs, long? errorCode = null)
    {
        _document = document;
        Result = result;
        Problem = problem;
        ElapsedMs = elapsedMs;
        ErrorCode = errorCode;
    }

    /// <summary>The JSON-RPC error code, when the server answered with an error.</summary>
    public long? ErrorCode { get; }

    /// <summary>The <c>result</c> member; <c>default</c> when <see cref="Problem"/> is set.</summary>
    public JsonElement Result { get; }

    /// <summary>Null when the server answered with a result; else what went wrong.</summary>
    public string? Problem { get; }

    public double ElapsedMs { get; }

    /// <summary>From a parsed response frame (an object with <c>result</c> or <c>error</c>).</summary>
    public static JsonRpcReply FromResponse(JsonDocument document, double elapsedMs)
    {
        var root = document.RootElement;
        if (root.TryGetProperty("result", out var result))
            return new JsonRpcReply(document, result, null, elapsedMs);
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            long? number = error.TryGetProperty("code", out var c) && c.TryGetInt64(out var n) ? n : null;
            var code = number?.ToString(CultureInfo.InvariantCulture) ?? "?";
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText();
            return new JsonRpcReply(document, default, $"JSON-RPC error {code}: {message}", elapsedMs, number);
        }

        return new JsonRpcReply(document, default, "the response has neither \"result\" nor \"error\"", elapsedMs);
    }

    public static JsonRpcReply Failed(string problem, double elapsedMs) => new(null, default, problem, elapsedMs);

    public void Dispose() => _document?.Dispose();
}
