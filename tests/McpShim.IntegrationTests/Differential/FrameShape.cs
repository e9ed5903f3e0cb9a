using System.Text;

namespace McpShim.IntegrationTests.Differential;

/// <summary>
/// A JSON object under construction for the fuzzer: members keep the key as JSON text (so a key may be escaped or
/// repeated) and a value that is raw JSON text or a nested shape. Rendering may spread whitespace between tokens and
/// append a <see cref="Trailer"/> after the object.
/// </summary>
internal sealed class FrameShape
{
    private readonly List<(string RawKey, object Value)> _members = [];

    public int Count => _members.Count;

    public bool Whitespace { get; set; }

    /// <summary>Text written right after the closing brace (a second value, a bare '\r' and another object).</summary>
    public string Trailer { get; set; } = string.Empty;

    public FrameShape Add(string key, object value) => Insert(_members.Count, Quote(key), value);

    /// <summary>Inserts a member whose key is given as JSON text (quotes and escapes included).</summary>
    public FrameShape Insert(int index, string rawKey, object value)
    {
        _members.Insert(index, (rawKey, value));
        return this;
    }

    public bool Has(string key) => IndexOf(key) >= 0;

    public object? Get(string key) => IndexOf(key) is var i and >= 0 ? _members[i].Value : null;

    public void Set(string key, object value)
    {
        var i = IndexOf(key);
        if (i >= 0)
            _members[i] = (_members[i].RawKey, value);
        else
            Add(key, value);
    }

    public void Rename(string key, string rawKey)
    {
        var i = IndexOf(key);
        if (i >= 0)
            _members[i] = (rawKey, _members[i].Value);
    }

    public void Shuffle(Random random)
    {
        for (var i = _members.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (_members[i], _members[j]) = (_members[j], _members[i]);
        }
    }

    public byte[] Render(Random random)
    {
        var builder = new StringBuilder();
        Render(builder, Whitespace ? random : null);
        builder.Append(Trailer);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder, null);
        return builder.ToString();
    }

    /// <summary>A JSON string for the text: only '"', '\\' and control characters escaped, the rest as UTF-8.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                builder.Append('\\').Append(c);
            else if (c < 0x20)
                builder.Append($"\\u{(int)c:x4}");
            else
                builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    private void Render(StringBuilder builder, Random? whitespace)
    {
        builder.Append('{');
        for (var i = 0; i < _members.Count; i++)
        {
            if (i > 0)
                builder.Append(',');
            Space(builder, whitespace);
            builder.Append(_members[i].RawKey);
            Space(builder, whitespace);
            builder.Append(':');
            Space(builder, whitespace);
            if (_members[i].Value is FrameShape nested)
                nested.Render(builder, whitespace);
            else
                builder.Append(_members[i].Value);
            Space(builder, whitespace);
        }
        builder.Append('}');
    }

    private static void Space(StringBuilder builder, Random? whitespace)
    {
        if (whitespace is not null && whitespace.Next(3) == 0)
            builder.Append(whitespace.Next(4) switch { 0 => " ", 1 => "\t", 2 => "  ", _ => " \t " });
    }

    private int IndexOf(string key)
    {
        var raw = Quote(key);
        return _members.FindIndex(m => m.RawKey == raw);
    }
}
