using System.Text;
using System.Text.RegularExpressions;

namespace McpShim.Secrets;

/// <summary>
/// Replaces a profile's secret values with <c>[redacted:NAME]</c> in text mcpshim writes: the server's forwarded
/// stderr, error messages built from it, the confirmation prompt, and tool arguments recorded in <c>full</c> audit
/// mode. A secret is found as it is and, in text with a backslash in it, however JSON may have escaped it
/// (<see cref="EscapedSecretPattern"/>): a server that logs the JSON it received, or a client that sent
/// <c>\u002B</c> for <c>+</c>, does not get it past (issue 13). JSON values are redacted decoded
/// (<see cref="RedactedJson"/>).
/// </summary>
internal sealed class SecretRedactor
{
    private readonly Secret[] _secrets;

    public SecretRedactor(IEnumerable<SecretValue> secrets)
    {
        // Longest first, so a secret that contains another is replaced whole.
        _secrets = secrets.Where(s => s.Value.Length >= 4)
            .OrderByDescending(s => s.Value.Length)
            .Select(s => new Secret(s.Name, s.Value))
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

        if (_secrets.Length == 0 || utf8.IndexOf((byte)'\\') < 0)
            return false;
        var text = Encoding.UTF8.GetString(utf8);
        foreach (var secret in _secrets)
        {
            if (secret.Escaped.IsMatch(text))
                return true;
        }

        return false;
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret.Value, secret.Marker, StringComparison.Ordinal);
        if (_secrets.Length == 0 || !text.Contains('\\', StringComparison.Ordinal))
            return text;
        foreach (var secret in _secrets)
            text = secret.Escaped.Replace(text, secret.Marker);
        return text;
    }

    public byte[] Redact(ReadOnlySpan<byte> utf8) =>
        Contains(utf8) ? Encoding.UTF8.GetBytes(Redact(Encoding.UTF8.GetString(utf8))) : utf8.ToArray();

    private sealed class Secret(string name, string value)
    {
        private Regex? _escaped;

        public string Value => value;

        public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(value);

        public string Marker { get; } = $"[redacted:{name}]";

        /// <summary>Built on first need: most sessions never meet a backslash near a secret, and start-up stays quick.</summary>
        public Regex Escaped => _escaped ??= EscapedSecretPattern.For(value);
    }
}
