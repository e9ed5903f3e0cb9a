using System.Text.Json;

namespace McpShim.Relay;

/// <summary>
/// Every <c>id</c> at the top level of each object in a frame that was refused (two ids, a second object after a bare
/// <c>\r</c>, broken JSON after them), read leniently up to where the frame stops being readable: so each request the frame may be, or answer, can get an error instead of
/// waiting for ever.
/// </summary>
internal static class EnvelopeIds
{
    /// <param name="allCanonical">Whether each id found is a plain integer or an unescaped string.</param>
    public static List<RequestKey> Read(ReadOnlySpan<byte> frame, out bool allCanonical)
    {
        var ids = new List<RequestKey>();
        allCanonical = true;
        try
        {
            // Every object on the line: a frame refused for a bare '\r' or a second value may carry its answer after
            // the first object (a universal-newline client would read it there).
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256, AllowMultipleValues = true });
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isId = reader.ValueTextEquals("id"u8);
                    reader.Read();
                    if (isId && reader.TokenType == JsonTokenType.Number)
                    {
                        allCanonical &= RequestKey.IsCanonicalInteger(reader.ValueSpan);
                        ids.Add(RequestKey.FromNumber(reader.ValueSpan));
                    }
                    else if (isId && reader.TokenType == JsonTokenType.String)
                    {
                        allCanonical &= !reader.ValueIsEscaped;
                        ids.Add(RequestKey.FromDecodedString(reader.GetString()!));
                    }
                    else
                    {
                        allCanonical &= !isId;
                        reader.Skip();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // What was read so far is all there is.
        }

        return ids;
    }

    /// <summary>The frame's one id, when it has exactly one and it is written plainly; else null.</summary>
    public static string? Single(ReadOnlySpan<byte> frame)
    {
        var ids = Read(frame, out var canonical);
        return ids.Count == 1 && canonical ? ids[0].ToJson() : null;
    }
}
