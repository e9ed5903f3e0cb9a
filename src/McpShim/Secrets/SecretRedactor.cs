using System.Text;

namespace McpShim.Secrets;

/// <summary>
/// Replaces a profile's secret values with <c>[redacted:NAME]</c> in text mcpshim writes: the server's forwarded
/// stderr, error messages built from it, and tool arguments recorded in <c>full</c> audit mode.
/// </summary>
internal sealed class SecretRedactor
{
    private readonly (string Name, string Value, byte[] Utf8)[] _secrets;

    public SecretRedactor(IEnumerable<SecretValue> secrets)
    {
        // Longest first, so a secret that contains another is replaced whole.
        _secrets = secrets.Where(s => s.Value.Length >= 4)
            .OrderByDescending(s => s.Value.Length)
            .Select(s => (s.Name, s.Value, Encoding.UTF8.GetBytes(s.Value)))
            .ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public bool IsEmpty => _secrets.Length == 0;

    public bool Contains(ReadOnlySpan<byte> utf8)
    {
        foreach (var secret in _secrets)
        {
            if (utf8.IndexOf(secret.Utf8) >= 0)
                return true;
        }

        return false;
    }

    public string Redact(string text)
    {
        foreach (var (name, value, _) in _secrets)
            text = text.Replace(value, $"[redacted:{name}]", StringComparison.Ordinal);
        return text;
    }

    public byte[] Redact(ReadOnlySpan<byte> utf8) =>
        Contains(utf8) ? Encoding.UTF8.GetBytes(Redact(Encoding.UTF8.GetString(utf8))) : utf8.ToArray();
}
