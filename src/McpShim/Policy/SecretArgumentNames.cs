namespace McpShim.Policy;

/// <summary>Argument names whose values a confirmation prompt never shows (<c>api_key</c>, <c>password</c>, ...).</summary>
internal static class SecretArgumentNames
{
    private static readonly string[] Markers =
    [
        "password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "privatekey", "credential",
        "authorization", "cookie", "bearer", "sessionid", "signature",
    ];

    public static bool IsSecret(string name)
    {
        Span<char> folded = stackalloc char[Math.Min(name.Length, 128)];
        var length = 0;
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, 128)))
        {
            if (c is not ('_' or '-' or '.' or ' '))
                folded[length++] = char.ToLowerInvariant(c);
        }

        ReadOnlySpan<char> key = folded[..length];
        foreach (var marker in Markers)
        {
            if (key.Contains(marker, StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
