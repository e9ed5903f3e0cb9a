using System.Buffers;
using System.Runtime.CompilerServices;

namespace McpShim.Relay;

/// <summary>
/// The fast path of <see cref="FrameInspector"/> for the frames that make up most of a session: pings, progress,
/// list calls and their answers. One pass over the top-level members reads <c>id</c> and <c>method</c> and steps over
/// every other value by matching brackets and quotes, without validating what it steps over.
/// <para>
/// It gives up (returns false) on anything it cannot read exactly as a JSON parser would: escapes in a key, an id or
/// a method; a fractional or exponent id; an unknown method; a repeated envelope member; <c>tools/call</c> (its name
/// and arguments are read by the full parser); any byte out of place. The caller then uses the full parser, so
/// for valid JSON both paths agree. Only sessions without a tool policy use it: a policy must see exactly what the
/// server will parse, so it keeps the validating reader.
/// </para>
/// </summary>
internal static class PlainEnvelope
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> QuoteOrEscape = SearchValues.Create("\"\\"u8);

    private static ReadOnlySpan<byte> CompactVersion => """{"jsonrpc":"2.0","""u8;

    private static ReadOnlySpan<byte> CompactVersionAndId => """{"jsonrpc":"2.0","id":"""u8;

    private static ReadOnlySpan<byte> ThenMethod => ",\"method\":\""u8;

    private static ReadOnlySpan<byte> ThenResult => ""","result":"""u8;

    public static bool TryInspect(ReadOnlySpan<byte> frame, out FrameInfo info)
    {
        if (TryReadCanonical(frame, out info))
            return true;
        info = default;
        string? method = null;
        RequestKey? id = null;
        bool hasId = false, hasResult = false, hasError = false, canonicalId = false;
        bool? version = null; // the first "jsonrpc" member decides, as for the full parser
        var resultStart = -1;

        int at;
        if (frame.StartsWith(CompactVersion))
        {
            at = CompactVersion.Length; // most peers write this member first and compactly: one comparison steps over it
            version = true;
        }
        else
        {
            at = SkipSpace(frame, 0);
            if (at >= frame.Length || frame[at] != (byte)'{')
                return false;
            at = SkipSpace(frame, at + 1);
            if (at < frame.Length && frame[at] == (byte)'}')
                return Finish(frame, at, method, hasId, id, !canonicalId, hasResult, hasError, resultStart, false, out info);
        }

        while (true)
        {
            if (!TryReadPlainString(frame, ref at, out var key))
                return false;
            at = SkipSpace(frame, at);
            if (at >= frame.Length || frame[at] != (byte)':')
                return false;
            at = SkipSpace(frame, at + 1);
            if (at >= frame.Length)
                return false;

            if (key.Length == 2 && key[0] == (byte)'i' && key[1] == (byte)'d')
            {
                if (hasId || !TryReadId(frame, ref at, out id, out canonicalId))
                    return false;
                hasId = true;
            }
            else if (key.SequenceEqual("method"u8))
            {
                if (method is not null || !TryReadPlainString(frame, ref at, out var name) || KnownMethods.Find(name) is not { } known)
                    return false;
                method = known;
            }
            else if (key.SequenceEqual("jsonrpc"u8) && frame[at] == (byte)'"')
            {
                if (!TryReadPlainString(frame, ref at, out var value))
                    return false;
                version ??= value.SequenceEqual("2.0"u8);
            }
            else
            {
                if (key.SequenceEqual("jsonrpc"u8))
                    version ??= false;
                if (key.SequenceEqual("result"u8))
                {
                    if (hasResult)
                        return false;
                    hasResult = true;
                    resultStart = at;
                }
                else if (key.SequenceEqual("error"u8))
                {
                    if (hasError)
                        return false;
                    hasError = true;
                }

                if (!TrySkipValue(frame, ref at))
                    return false;
            }

            at = SkipSpace(frame, at);
            if (at >= frame.Length)
                return false;
            if (frame[at] == (byte)'}')
                return Finish(frame, at, method, hasId, id, !canonicalId, hasResult, hasError, resultStart, version == true, out info);
            if (frame[at] != (byte)',')
                return false;
            at = SkipSpace(frame, at + 1);
        }
    }

    private static bool Finish(
        ReadOnlySpan<byte> frame, int closingBrace, string? method, bool hasId, RequestKey? id, bool oddId, bool hasResult, bool hasError, int resultStart, bool says20, out FrameInfo info)
    {
        info = default;
        if (SkipSpace(frame, closingBrace + 1) != frame.Length)
            return false;
        if (method is not null)
        {
            if (method == FrameInspector.ToolsCall && hasId)
                return false; // the full parser reads its tool name and arguments
            info = hasId
                ? new FrameInfo(MessageKind.Request, method, id, null, null, false, false, NonCanonicalId: oddId, SaysJsonRpc20: says20)
                : new FrameInfo(MessageKind.Notification, method, null, null, null, false, false, SaysJsonRpc20: says20);
            return true;
        }

        info = hasId && (hasResult || hasError)
            ? new FrameInfo(MessageKind.Response, null, id, null, null, hasError, false, resultStart, oddId, says20)
            : FrameInfo.Other;
        return true;
    }

    /// <summary>
    /// The shape most peers write, read as a template: <c>{"jsonrpc":"2.0","id":N,"method":"M"}</c> or
    /// <c>{"jsonrpc":"2.0","id":N,"result":VALUE}</c>, compact, with an integer id and nothing after. Any other shape
    /// returns false and takes the member-by-member pass, which reads these the same way.
    /// </summary>
    private static bool TryReadCanonical(ReadOnlySpan<byte> frame, out FrameInfo info)
    {
        if (!TryReadCompact(frame, out var id, out var method, out var resultStart))
        {
            info = default;
            return false;
        }

        var key = new RequestKey(id, null);
        info = method is not null
            ? new FrameInfo(MessageKind.Request, method, key, null, null, false, false, SaysJsonRpc20: true)
            : new FrameInfo(MessageKind.Response, null, key, null, null, false, false, resultStart, SaysJsonRpc20: true);
        return true;
    }

    /// <summary>
    /// The template of <see cref="TryReadCanonical"/> as plain values, for the session's own fast path: an integer id
    /// and either a known method other than <c>tools/call</c> (a request) or, with <paramref name="method"/> null, a
    /// result starting at <paramref name="resultStart"/> (a response).
    /// </summary>
    public static bool TryReadCompact(ReadOnlySpan<byte> frame, out long id, out string? method, out int resultStart)
    {
        (id, method, resultStart) = (0, null, -1);
        var at = CompactVersionAndId.Length;
        var last = frame.Length - 1;
        if (at >= last || frame[last] != (byte)'}' || !frame.StartsWith(CompactVersionAndId))
            return false;
        var negative = frame[at] == (byte)'-';
        if (negative)
            at++;
        var digitsStart = at;
        long value = 0;
        while (at < last && frame[at] - (uint)'0' <= 9)
        {
            value = unchecked((value * 10) + (frame[at] - '0'));
            at++;
        }

        var digits = at - digitsStart;
        // Only ids every peer spells back alike (issue 13): no leading zero, no -0, at most 2^53 - 1.
        if (digits == 0 || digits > 16 || (digits > 1 && frame[digitsStart] == (byte)'0') ||
            value > RequestKey.MaxSafeInteger || (negative && value == 0))
            return false;
        var rest = frame[at..];
        if (rest.StartsWith(ThenMethod))
        {
            // "M"} and nothing else: the closing quote must sit right before the final brace.
            var name = frame[(at + ThenMethod.Length)..last];
            if (name.Length == 0 || name[^1] != (byte)'"')
                return false;
            name = name[..^1];
            // No known method holds a quote or a backslash: a name that matches one is a plain string token.
            if (KnownMethods.Find(name) is not { } known || known == FrameInspector.ToolsCall)
                return false;
            (id, method) = (negative ? -value : value, known);
            return true;
        }

        if (!rest.StartsWith(ThenResult))
            return false;
        var start = at + ThenResult.Length;
        var end = start;
        if (end + 1 < last && frame[end] == (byte)'{' && frame[end + 1] == (byte)'}')
            end += 2; // an empty result, the answer to every ping
        else if (end >= last || !TrySkipValue(frame, ref end))
            return false;
        if (end != last)
            return false;
        (id, resultStart) = (negative ? -value : value, start);
        return true;
    }

    /// <summary>An integer, a string without escapes, or null; anything else is left to the full parser.</summary>
    private static bool TryReadId(ReadOnlySpan<byte> frame, ref int at, out RequestKey? id, out bool canonical)
    {
        id = null;
        canonical = false;
        var first = frame[at];
        if (first == (byte)'"')
        {
            if (!TryReadPlainString(frame, ref at, out var text))
                return false;
            id = RequestKey.FromString(text);
            canonical = true;
            return true;
        }

        if (first == (byte)'n')
        {
            if (!frame[at..].StartsWith("null"u8))
                return false;
            at += 4;
            id = RequestKey.Null;
            return true;
        }

        var start = at;
        var negative = first == (byte)'-';
        if (negative)
            at++;
        var digitsStart = at;
        long value = 0;
        while (at < frame.Length && frame[at] - (uint)'0' <= 9)
        {
            value = unchecked((value * 10) + (frame[at] - '0'));
            at++;
        }

        var digits = at - digitsStart;
        // JSON forbids leading zeros; fractions and exponents keep their raw text in the full parser.
        if (digits == 0 || (digits > 1 && frame[digitsStart] == (byte)'0') || (at < frame.Length && !IsScalarEnd(frame[at])))
            return false;
        // Up to 18 digits cannot overflow; longer ones take the careful route.
        id = digits <= 18 ? new RequestKey(negative ? -value : value, null) : RequestKey.FromNumber(frame[start..at]);
        canonical = RequestKey.IsCanonicalInteger(frame[start..at]);
        return true;
    }

    /// <summary>A string token without backslashes; <paramref name="at"/> moves past its closing quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadPlainString(ReadOnlySpan<byte> frame, ref int at, out ReadOnlySpan<byte> content)
    {
        content = default;
        if (at >= frame.Length || frame[at] != (byte)'"')
            return false;
        // Keys, methods and ids are short: a plain loop beats a vectorised search's set-up.
        var end = at + 1;
        while (true)
        {
            if (end >= frame.Length)
                return false;
            var b = frame[end];
            if (b == (byte)'"')
                break;
            if (b == (byte)'\\')
                return false;
            end++;
        }

        content = frame[(at + 1)..end];
        at = end + 1;
        return true;
    }

    /// <summary>Steps over one value: a string, a nested object or array (brackets matched, strings respected), or a scalar.</summary>
    private static bool TrySkipValue(ReadOnlySpan<byte> frame, ref int at)
    {
        var first = frame[at];
        if (first == (byte)'"')
            return TrySkipString(frame, ref at);
        if (first is (byte)'{' or (byte)'[')
            return TrySkipNested(frame, ref at);

        var end = at;
        while (end < frame.Length && !IsScalarEnd(frame[end]))
            end++;
        if (end == at || end == frame.Length)
            return false;
        at = end;
        return true;
    }

    private static bool TrySkipString(ReadOnlySpan<byte> frame, ref int at)
    {
        var i = at + 1;
        while (true)
        {
            var next = frame[i..].IndexOfAny(QuoteOrEscape);
            if (next < 0)
                return false;
            i += next;
            if (frame[i] == (byte)'"')
            {
                at = i + 1;
                return true;
            }

            i += 2; // a backslash and the byte it escapes
            if (i >= frame.Length)
                return false;
        }
    }

    private static bool TrySkipNested(ReadOnlySpan<byte> frame, ref int at)
    {
        var depth = 0;
        var i = at;
        while (true)
        {
            var next = frame[i..].IndexOfAny(Structural);
            if (next < 0)
                return false;
            i += next;
            switch (frame[i])
            {
                case (byte)'"':
                    if (!TrySkipString(frame, ref i))
                        return false;
                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    if (--depth == 0)
                    {
                        at = i + 1;
                        return true;
                    }

                    break;
            }

            i++;
        }
    }

    private static bool IsScalarEnd(byte b) => b is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSpace(ReadOnlySpan<byte> frame, int at)
    {
        while (at < frame.Length && frame[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            at++;
        return at;
    }
}
