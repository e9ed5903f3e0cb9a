using System.Text;

namespace McpShim.Relay;

/// <summary>
/// A 64-bit hash (FNV-1a) of an unescaped object key, exact or folded as Go's <c>encoding/json</c> matches struct
/// fields: ASCII letters without case, and other letters by their simple case fold (so U+212A KELVIN SIGN matches
/// <c>k</c> and U+017F LONG S matches <c>s</c>).
/// </summary>
internal static class KeyHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private static readonly string[] ProtocolFields =
        ["jsonrpc", "id", "method", "params", "result", "error", "name", "arguments", "_meta", "cursor", "requestState", "inputResponses"];

    /// <summary>The members MCP readers fill from a message and its params, folded: a key that folds to one of these
    /// but is spelt otherwise ("Method", "İD") is a field to Go's decoder and unknown to every other reader.</summary>
    public static readonly HashSet<ulong> FoldedFields = [.. ProtocolFields.Select(f => Of(System.Text.Encoding.UTF8.GetBytes(f), fold: true))];

    public static readonly HashSet<ulong> ExactFields = [.. ProtocolFields.Select(f => Of(System.Text.Encoding.UTF8.GetBytes(f), fold: false))];

    public static ulong Of(ReadOnlySpan<byte> key, bool fold)
    {
        var hash = Offset;
        if (!fold)
        {
            foreach (var b in key)
                hash = (hash ^ b) * Prime;
            return hash;
        }

        var at = 0;
        while (at < key.Length)
        {
            var b = key[at];
            if (b < 0x80)
            {
                hash = Mix(hash, (uint)(b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b));
                at++;
                continue;
            }

            Rune.DecodeFromUtf8(key[at..], out var rune, out var length);
            // .NET's invariant casing leaves out the two mappings into ASCII that Go's folding has.
            var folded = rune.Value switch
            {
                0x017F => 's',
                0x212A => 'k',
                0x0130 or 0x0131 => 'i', // Go folds by ToUpper(ToLower(r)): İ and ı both become I
                _ => Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)).Value,
            };
            hash = Mix(hash, (uint)folded);
            at += length;
        }

        return hash;
    }

    private static ulong Mix(ulong hash, uint value)
    {
        // A folded key is hashed rune by rune, four bytes each.
        for (var i = 0; i < 4; i++, value >>= 8)
            hash = (hash ^ (value & 0xFF)) * Prime;
        return hash;
    }
}
