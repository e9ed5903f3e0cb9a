using System.Text;
using System.Text.Json;

namespace McpShim.Secrets;

/// <summary>
/// Copies a JSON value to a writer with the profile's secrets redacted in its decoded strings and member names
/// (issue 13): a secret sent as <c>"s3\u002Bcr\"et"</c> is found, where a search of the raw text for
/// <c>s3+cr"et</c> would miss it. A number whose digits hold a secret becomes the redaction string.
/// </summary>
internal static class RedactedJson
{
    public static void Write(Utf8JsonWriter w, ReadOnlySpan<byte> json, SecretRedactor redactor)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    w.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    w.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    w.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    w.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    w.WritePropertyName(Decoded(ref reader, redactor));
                    break;
                case JsonTokenType.String:
                    w.WriteStringValue(Decoded(ref reader, redactor));
                    break;
                case JsonTokenType.Number:
                    if (redactor.Contains(reader.ValueSpan))
                        w.WriteStringValue(redactor.Redact(Encoding.UTF8.GetString(reader.ValueSpan)));
                    else
                        w.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                    w.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    w.WriteBooleanValue(false);
                    break;
                case JsonTokenType.Null:
                    w.WriteNullValue();
                    break;
            }
        }
    }

    /// <summary>
    /// A string token decoded and redacted. One that does not decode to valid UTF-16 (a lone surrogate, which
    /// JavaScript allows) is redacted in its escaped form, which still finds the secret however it was spelt.
    /// </summary>
    private static string Decoded(ref Utf8JsonReader reader, SecretRedactor redactor)
    {
        try
        {
            return redactor.Redact(reader.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return redactor.Redact(Encoding.UTF8.GetString(reader.ValueSpan));
        }
    }
}
