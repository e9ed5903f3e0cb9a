using System.Buffers.Text;
using System.Text.Json;

namespace McpShim.Benchmarks.Processes;

/// <summary>
/// Finds a response's numeric id without parsing the frame: first where the fake server (and the C# SDK) put it,
/// then where node's JSON.stringify puts it (last), and only then with a reader that skips every other value.
/// </summary>
internal static class ResponseId
{
    private static ReadOnlySpan<byte> LeadingId => "{\"jsonrpc\":\"2.0\",\"id\":"u8;

    private static ReadOnlySpan<byte> TrailingId => ",\"id\":"u8;

    public static bool TryRead(ReadOnlySpan<byte> frame, out long id)
    {
        if (frame.StartsWith(LeadingId) && Utf8Parser.TryParse(frame[LeadingId.Length..], out id, out _))
            return true;

        // `...,"id":123}`: the id is the last member of the top-level object when the frame ends right after it.
        var tail = frame[Math.Max(0, frame.Length - 32)..];
        var at = tail.LastIndexOf(TrailingId);
        if (at >= 0
            && Utf8Parser.TryParse(tail[(at + TrailingId.Length)..], out id, out var consumed)
            && at + TrailingId.Length + consumed == tail.Length - 1
            && tail[^1] == (byte)'}')
        {
            return true;
        }

        return TryReadSlowly(frame, out id);
    }

    private static bool TryReadSlowly(ReadOnlySpan<byte> frame, out long id)
    {
        id = 0;
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId)
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out id);
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. a stray log line on stdout): not a response.
        }

        return false;
    }
}
