using System.Text.Json;
using System.Text.Unicode;

namespace McpShim.Relay;

/// <summary>
/// The strict reading a frame must pass before mcpshim judges it and forwards it (issue 13): only frames that every
/// mainstream reader reads alike get through. JavaScript's <c>JSON.parse</c> per LF line, Python's universal
/// newlines and <c>json.loads</c>, Go's <c>json.Decoder</c> and System.Text.Json differ on repeated keys (last wins,
/// and Go matches struct fields ignoring case), on a bare <c>\r</c> (Python and .NET's line readers split there), on
/// a second value on the line (Go's decoder reads it), on invalid UTF-8 and escaped lone surrogates (repaired or
/// refused), and on nesting (each has another limit). Refusing such a frame, rather than re-serialising it, keeps
/// the relay byte for byte: what the server gets is exactly what was judged.
/// </summary>
internal static class FrameJudge
{
    /// <summary>The deepest nesting accepted: System.Text.Json's default, so the C# SDK reads what mcpshim passes.</summary>
    public const int MaxDepth = 64;

    [ThreadStatic]
    private static KeyStack? t_keys;

    /// <param name="frame">One line without its line end (a CRLF's <c>\r</c> already removed).</param>
    /// <param name="foldLevels">
    /// Objects up to this nesting level (1: the message itself) also refuse keys that differ only in letter case, as
    /// Go's decoder fills a struct field from any of them; deeper objects refuse exact repeats only.
    /// </param>
    public static FrameProblem Check(ReadOnlySpan<byte> frame, int foldLevels = int.MaxValue)
    {
        var problem = CheckBytes(frame);
        return problem != FrameProblem.None ? problem : CheckJson(frame, foldLevels);
    }

    /// <summary>The first half of <see cref="Check"/>: no bare <c>\r</c>, and valid UTF-8.</summary>
    public static FrameProblem CheckBytes(ReadOnlySpan<byte> frame)
    {
        if (frame.IndexOf((byte)'\r') >= 0)
            return FrameProblem.BareCarriageReturn;
        return Utf8.IsValid(frame) ? FrameProblem.None : FrameProblem.InvalidUtf8;
    }

    /// <summary>
    /// The second half of <see cref="Check"/>: one JSON value, keys, depth. Its verdict counts only when
    /// <see cref="CheckBytes"/> found nothing (<see cref="SplitJudge"/> runs the two halves at once).
    /// </summary>
    public static FrameProblem CheckJson(ReadOnlySpan<byte> frame, int foldLevels = int.MaxValue)
    {
        var keys = t_keys ??= new KeyStack();
        keys.Reset();
        return Walk(frame, foldLevels, keys);
    }

    private static FrameProblem Walk(ReadOnlySpan<byte> frame, int foldLevels, KeyStack keys)
    {
        // The reader's own limit sits above ours, so depth is reported as depth, not as a parse error.
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = MaxDepth + 2 });
        var complete = false; // the first value has ended: a JsonException now means a second one follows
        Span<byte> small = stackalloc byte[256];
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (reader.CurrentDepth >= MaxDepth)
                            return FrameProblem.TooDeep;
                        keys.Open(reader.CurrentDepth + 1);
                        break;
                    case JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= MaxDepth)
                            return FrameProblem.TooDeep;
                        break;
                    case JsonTokenType.EndObject:
                        keys.Close(reader.CurrentDepth + 1);
                        complete = reader.CurrentDepth == 0;
                        break;
                    case JsonTokenType.EndArray:
                        complete = reader.CurrentDepth == 0;
                        break;
                    case JsonTokenType.PropertyName:
                        var level = reader.CurrentDepth; // a member of the object opened at level - 1
                        var folded = level <= foldLevels;
                        if (!TryHashKey(ref reader, folded, exactToo: folded && level <= 2, small, out var hash, out var exact))
                            return FrameProblem.InvalidJson;
                        if (!keys.Add(level, hash))
                            return FrameProblem.DuplicateKey;
                        // In the message and its params, a spelling of a protocol field that only Go's decoder
                        // takes for that field ("Method", "ıd") is refused even when it is the only one.
                        if (folded && level <= 2 && KeyHash.FoldedFields.Contains(hash) && !KeyHash.ExactFields.Contains(exact))
                            return FrameProblem.DuplicateKey;
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped && JsonEscapes.HasLoneSurrogate(reader.ValueSpan))
                            return FrameProblem.InvalidJson;
                        complete = reader.CurrentDepth == 0;
                        break;
                    default:
                        complete = reader.CurrentDepth == 0;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return complete ? FrameProblem.TrailingData : FrameProblem.InvalidJson;
        }

        return FrameProblem.None;
    }

    /// <param name="exactToo">Also hash the key as spelt: only where a field spelling is checked, off the per-key cost elsewhere.</param>
    private static bool TryHashKey(ref Utf8JsonReader reader, bool fold, bool exactToo, scoped Span<byte> small, out ulong hash, out ulong exact)
    {
        hash = exact = 0;
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            hash = KeyHash.Of(raw, fold);
            exact = exactToo ? KeyHash.Of(raw, fold: false) : hash;
            return true;
        }

        if (JsonEscapes.HasLoneSurrogate(raw))
            return false;
        var buffer = raw.Length <= small.Length ? small : new byte[raw.Length];
        var written = reader.CopyString(buffer);
        hash = KeyHash.Of(buffer[..written], fold);
        exact = exactToo ? KeyHash.Of(buffer[..written], fold: false) : hash;
        return true;
    }

    /// <summary>
    /// The keys of the objects open at each level, as hashes. A small object is searched linearly; one with many
    /// keys gets a set, so a hostile frame cannot make the check quadratic. Equal hashes of different keys can only
    /// refuse a frame, never let one through.
    /// </summary>
    private sealed class KeyStack
    {
        private const int LinearLimit = 16;

        private readonly int[] _starts = new int[MaxDepth + 2];
        private readonly HashSet<ulong>?[] _sets = new HashSet<ulong>?[MaxDepth + 2];
        private ulong[] _hashes = new ulong[64];
        private int _count;

        public void Reset()
        {
            _count = 0;
            Array.Clear(_sets);
        }

        public void Open(int level)
        {
            _starts[level] = _count;
            _sets[level] = null;
        }

        public void Close(int level)
        {
            _count = _starts[level];
            _sets[level] = null;
        }

        public bool Add(int level, ulong hash)
        {
            var start = _starts[level];
            if (_sets[level] is { } set)
            {
                if (!set.Add(hash))
                    return false;
            }
            else
            {
                if (_hashes.AsSpan(start, _count - start).Contains(hash))
                    return false;
                if (_count - start >= LinearLimit)
                    _sets[level] = new HashSet<ulong>(_hashes.AsSpan(start, _count - start).ToArray()) { hash };
            }

            if (_count == _hashes.Length)
                Array.Resize(ref _hashes, _hashes.Length * 2);
            _hashes[_count++] = hash;
            return true;
        }
    }
}
