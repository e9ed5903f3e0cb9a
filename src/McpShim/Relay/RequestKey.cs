using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace McpShim.Relay;

/// <summary>
/// A JSON-RPC id as a dictionary key, allocation-free for the usual integer ids. <see cref="Raw"/> holds the JSON
/// text of any other id (a string with its quotes, a fraction, a huge number).
/// </summary>
internal readonly record struct RequestKey(long Number, string? Raw)
{
    /// <summary>The id as JSON, for error responses and the audit.</summary>
    public string ToJson() => Raw ?? Number.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => ToJson();

    /// <summary>From a number token's bytes or a string token's raw (still escaped) content.</summary>
    public static RequestKey FromNumber(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out long number, out var consumed) && consumed == digits.Length
            ? new RequestKey(number, null)
            : new RequestKey(0, Encoding.UTF8.GetString(digits));

    public static RequestKey FromString(ReadOnlySpan<byte> rawContent) =>
        new(0, string.Concat("\"", Encoding.UTF8.GetString(rawContent), "\""));

    public static RequestKey Null { get; } = new(0, "null");

    // Compared and hashed on every request and answer: ordinal, and no generic comparer for the common integer ids.
    // Integer ids have no Raw: null against null is settled inline, without a call to string.Equals.
    public bool Equals(RequestKey other) =>
        Number == other.Number && (ReferenceEquals(Raw, other.Raw) || string.Equals(Raw, other.Raw, StringComparison.Ordinal));

    public override int GetHashCode() => Raw is null ? Number.GetHashCode() : string.GetHashCode(Raw, StringComparison.Ordinal);

    /// <summary>Parses raw JSON text of an id (as kept by the streaming scanner).</summary>
    public static RequestKey FromJson(string json) =>
        json.Length > 0 && json[0] != '"' && long.TryParse(json, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? new RequestKey(n, null)
            : new RequestKey(0, json);
}
