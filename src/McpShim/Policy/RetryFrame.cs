using System.Buffers;
using System.Text.Json;

namespace McpShim.Policy;

/// <summary>
/// Reads and rewrites the parts of a Multi Round-Trip Request mcpshim takes part in (issue 15): a retried
/// <c>tools/call</c>'s <c>params.requestState</c> and <c>params.inputResponses</c>, and an <c>input_required</c>
/// result's <c>requestState</c>. Everything else is copied member by member, in order.
/// </summary>
internal static class RetryFrame
{
    /// <summary>The frame's <c>params</c> (default when absent); the caller disposes the document.</summary>
    public static JsonDocument? Params(ReadOnlySpan<byte> frame, out JsonElement parameters)
    {
        parameters = default;
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
            var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("params", out var p))
                parameters = p;
            return document;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The retried call as the server gets it: without mcpshim's answer in <c>inputResponses</c> (the member goes when
    /// nothing else is left in it) and with the server's own <c>requestState</c>, or none, in place of mcpshim's token.
    /// </summary>
    public static byte[] WithoutOwnParts(ReadOnlySpan<byte> frame, string ownKey, string? serverState) =>
        Rewrite(frame, "params", (w, parameters) =>
        {
            foreach (var member in parameters.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "requestState":
                        if (serverState is not null)
                            w.WriteString("requestState", serverState);
                        break;
                    case "inputResponses" when member.Value.ValueKind == JsonValueKind.Object:
                        var others = member.Value.EnumerateObject().Where(r => r.Name != ownKey).ToList();
                        if (others.Count == 0)
                            break;
                        w.WriteStartObject("inputResponses");
                        foreach (var other in others)
                            other.WriteTo(w);
                        w.WriteEndObject();
                        break;
                    default:
                        member.WriteTo(w);
                        break;
                }
            }
        });

    /// <summary>Whether a response's result is <c>input_required</c>; <paramref name="serverState"/> is its <c>requestState</c>.</summary>
    public static bool IsInputRequired(ReadOnlySpan<byte> frame, out string? serverState)
    {
        serverState = null;
        using var document = Document(frame);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("result", out var result) ||
            result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("resultType", out var type) ||
            type.ValueKind != JsonValueKind.String || type.GetString() != "input_required")
            return false;
        if (result.TryGetProperty("requestState", out var state) && state.ValueKind == JsonValueKind.String)
            serverState = state.GetString();
        return true;
    }

    /// <summary>The response with <c>result.requestState</c> set to <paramref name="token"/>.</summary>
    public static byte[] WithRequestState(ReadOnlySpan<byte> frame, string token) =>
        Rewrite(frame, "result", (w, result) =>
        {
            foreach (var member in result.EnumerateObject())
            {
                if (member.Name != "requestState")
                    member.WriteTo(w);
            }

            w.WriteString("requestState", token);
        });

    private static byte[] Rewrite(ReadOnlySpan<byte> frame, string objectMember, Action<Utf8JsonWriter, JsonElement> writeMembers)
    {
        using var document = Document(frame) ?? throw new InvalidOperationException("the frame was judged whole before; it must parse");
        var buffer = new ArrayBufferWriter<byte>(frame.Length + 64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name == objectMember && member.Value.ValueKind == JsonValueKind.Object)
                {
                    w.WriteStartObject(objectMember);
                    writeMembers(w, member.Value);
                    w.WriteEndObject();
                }
                else
                {
                    member.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonDocument? Document(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
