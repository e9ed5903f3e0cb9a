using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace McpShim.Relay;

/// <summary>
/// A JSON-RPC id as a dictionary key, by its value: <c>1</c>, <c>1.0</c> and <c>1e0</c> are one key, as are
/// <c>"2"</c> and <c>"\u0032"</c>, because that is how a peer that parses the id reads it, and answers it (issue 13).
/// Allocation-free for the usual integer ids; <see cref="Raw"/> holds the JSON text of any other id (a string, in
/// its shortest escaping, with its quotes; a number that is not an integer).
/// </summary>
internal readonly record struct RequestKey(long Number, string? Raw)
{
    /// <summary>2^53 - 1: beyond it a JavaScript peer cannot hold an integer id exactly.</summary>
    public const long MaxSafeInteger = 9007199254740991;

    /// <summary>The id as JSON, for error responses and the audit.</summary>
    public string ToJson() => Raw ?? Number.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => ToJson();

    /// <summary>
    /// Whether a number token is an id every peer spells back the same: an integer without fraction, exponent or
    /// <c>-0</c>, within ±(2^53 - 1).
    /// </summary>
    public static bool IsCanonicalInteger(ReadOnlySpan<byte> digits)
    {
        var body = digits.Length > 0 && digits[0] == (byte)'-' ? digits[1..] : digits;
        if (body.IsEmpty || body.Length > 16 || body.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            return false;
        if (body[0] == (byte)'0')
            return body.Length == 1 && body.Length == digits.Length; // "0", never "-0" or "01"
        return Utf8Parser.TryParse(body, out long value, out _) && value <= MaxSafeInteger;
    }

    /// <summary>From a number token's bytes: an integral value (however written) is an integer key.</summary>
    public static RequestKey FromNumber(ReadOnlySpan<byte> digits)
    {
        if (Utf8Parser.TryParse(digits, out long number, out var consumed) && consumed == digits.Length)
            return new RequestKey(number, null);
        if (Utf8Parser.TryParse(digits, out double value, out consumed) && consumed == digits.Length &&
            Math.Abs(value) <= MaxSafeInteger && value == Math.Floor(value))
            return new RequestKey((long)value, null);
        return new RequestKey(0, Encoding.UTF8.GetString(digits));
    }

    /// <summary>From a string token's raw content that holds no escapes.</summary>
    public static RequestKey FromString(ReadOnlySpan<byte> rawContent) =>
        new(0, string.Concat("\"", Encoding.UTF8.GetString(rawContent), "\""));

    /// <summary>From a string id's decoded text: the key is the text in its shortest escaping.</summary>
    public static RequestKey FromDecodedString(string text)
    {
        if (text.AsSpan().IndexOfAny('"', '\\') < 0 && !text.AsSpan().ContainsAnyInRange('\0', '\u001f'))
            return new RequestKey(0, string.Concat("\"", text, "\""));
        var json = new StringBuilder(text.Length + 8).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                < ' ' => json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => json.Append(c),
            };
        }

        return new RequestKey(0, json.Append('"').ToString());
    }

    public static RequestKey Null { get; } = new(0, "null");

    // Compared and hashed on every request and answer: ordinal, and no generic comparer for the common integer ids.
    // Integer ids have no Raw: null against null is settled inline, without a call to string.Equals.
    public bool Equals(RequestKey other) =>
        Number == other.Number && (ReferenceEquals(Raw, other.Raw) || string.Equals(Raw, other.Raw, StringComparison.Ordinal));

    public override int GetHashCode() => Raw is null ? Number.GetHashCode() : string.GetHashCode(Raw, StringComparison.Ordinal);

    /// <summary>Parses raw JSON text of an id (as kept by the streaming scanner), by its value.</summary>
    public static RequestKey FromJson(string json)
    {
        if (json.Length == 0)
            return new RequestKey(0, json);
        if (json[0] != '"')
            return json == "null" ? Null : FromNumber(Encoding.UTF8.GetBytes(json));
        if (!json.Contains('\\'))
            return new RequestKey(0, json);
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            return reader.Read() && reader.TokenType == JsonTokenType.String ? FromDecodedString(reader.GetString()!) : new RequestKey(0, json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return new RequestKey(0, json);
        }
    }
}
