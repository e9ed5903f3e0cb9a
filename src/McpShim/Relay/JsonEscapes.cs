namespace McpShim.Relay;

/// <summary>Reads the escapes of a JSON string's raw content (between its quotes) without decoding it.</summary>
internal static class JsonEscapes
{
    /// <summary>
    /// Whether a <c>\uXXXX</c> escape names a UTF-16 surrogate without its partner. JavaScript and Python keep such a
    /// string as it is, Go replaces the surrogate with U+FFFD and .NET refuses it: the readers would see different text.
    /// </summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<byte> raw)
    {
        var at = raw.IndexOf((byte)'\\');
        while (at >= 0 && at + 1 < raw.Length)
        {
            if (raw[at + 1] != (byte)'u')
            {
                at = Next(raw, at + 2);
                continue;
            }

            if (!TryHex4(raw, at + 2, out var unit))
                return false; // not a valid escape: the JSON reader refuses it anyway
            if (unit is >= 0xDC00 and <= 0xDFFF)
                return true;
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                var low = at + 6;
                if (low + 1 >= raw.Length || raw[low] != (byte)'\\' || raw[low + 1] != (byte)'u' ||
                    !TryHex4(raw, low + 2, out var second) || second is < 0xDC00 or > 0xDFFF)
                    return true;
                at = Next(raw, low + 6);
                continue;
            }

            at = Next(raw, at + 6);
        }

        return false;
    }

    private static int Next(ReadOnlySpan<byte> raw, int from)
    {
        if (from >= raw.Length)
            return -1;
        var next = raw[from..].IndexOf((byte)'\\');
        return next < 0 ? -1 : from + next;
    }

    private static bool TryHex4(ReadOnlySpan<byte> raw, int at, out int value)
    {
        value = 0;
        if (at + 4 > raw.Length)
            return false;
        for (var i = at; i < at + 4; i++)
        {
            var digit = raw[i] switch
            {
                >= (byte)'0' and <= (byte)'9' => raw[i] - '0',
                >= (byte)'a' and <= (byte)'f' => raw[i] - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => raw[i] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
                return false;
            value = (value << 4) | digit;
        }

        return true;
    }
}
