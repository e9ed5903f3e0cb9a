using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace McpShim.Policy;

/// <summary>
/// Ids of the requests mcpshim itself sends (<c>elicitation/create</c> to the client, <c>tools/list</c> to the
/// server): <c>"mcpshim-"</c> and 128 random bits from the operating system's CSPRNG, new for every request (issue
/// 13). Nothing in one tells anything about another: the server sees the ids of mcpshim's <c>tools/list</c> and must
/// not be able to guess the id of a confirmation, or it could send the client a request under that id and have the
/// client's answer to it taken for the user's.
/// <para>
/// Ids are compared decoded, so <c>"mcpshim-\u0061…"</c> is the id <c>"mcpshim-a…"</c>. An id is known from the
/// moment it is issued; once its request is done it is remembered (the last <see cref="Remembered"/>), so a late
/// answer is dropped rather than passed on. Ids of another mcpshim (one relaying through another) are not known here
/// and pass.
/// </para>
/// </summary>
internal sealed class ShimRequestIds
{
    public const string Prefix = "mcpshim-";
    private const int Remembered = 1024;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly Queue<string> _doneOrder = new();
    private int _pendingCount;

    /// <summary>Whether any of mcpshim's requests awaits its answer; readable without the lock.</summary>
    public bool AnyPending => Volatile.Read(ref _pendingCount) > 0;

    /// <summary>A new id, pending until <see cref="Complete"/>; the value, without quotes (see <see cref="ToJson"/>).</summary>
    public string Issue()
    {
        var id = NewValue();
        lock (_gate)
        {
            _pending.Add(id);
            Volatile.Write(ref _pendingCount, _pending.Count);
        }

        return id;
    }

    /// <summary>The request is done (answered, timed out, withdrawn): its id is no longer pending but still known.</summary>
    public void Complete(string id)
    {
        lock (_gate)
        {
            if (!_pending.Remove(id))
                return;
            Volatile.Write(ref _pendingCount, _pending.Count);
            if (_doneOrder.Count == Remembered)
                _done.Remove(_doneOrder.Dequeue());
            _done.Add(id);
            _doneOrder.Enqueue(id);
        }
    }

    /// <summary>Whether this (decoded) id is one this session issued, pending or done.</summary>
    public bool IsKnown(string id)
    {
        lock (_gate)
            return _pending.Contains(id) || _done.Contains(id);
    }

    /// <summary>
    /// The decoded id of a raw JSON id that could be one of mcpshim's (a string that starts with
    /// <see cref="Prefix"/> once decoded), else null. Cheap for every other id: it decodes only when the raw text
    /// starts with the prefix or has an escape in it.
    /// </summary>
    public static string? Decode(string rawId)
    {
        if (rawId.Length < Prefix.Length + 2 || rawId[0] != '"')
            return null;
        var plain = rawId.AsSpan(1).StartsWith(Prefix, StringComparison.Ordinal);
        if (plain && rawId.AsSpan(1, rawId.Length - 2).IndexOfAny('\\', '"') < 0)
            return rawId[1..^1];
        if (!plain && rawId.IndexOf('\\', StringComparison.Ordinal) < 0)
            return null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(rawId));
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                return null;
            var value = reader.GetString()!;
            return !reader.Read() && value.StartsWith(Prefix, StringComparison.Ordinal) ? value : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null; // not one JSON string (a lone surrogate, say): not an id mcpshim made
        }
    }

    /// <summary>An id as raw JSON: its characters need no escaping.</summary>
    public static string ToJson(string id) => "\"" + id + "\"";

    /// <summary>"mcpshim-" and 128 random bits as 26 base32 letters and digits.</summary>
    private static string NewValue()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        Span<char> text = stackalloc char[Prefix.Length + 26];
        Prefix.CopyTo(text);
        var bits = 0;
        var buffer = 0;
        var at = Prefix.Length;
        foreach (var b in random)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text[at++] = Base32[(buffer >> bits) & 31];
            }
        }

        text[at] = Base32[(buffer << (5 - bits)) & 31]; // the last 3 bits
        return new string(text);
    }
}
