using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace McpShim.Policy;

/// <summary>
/// The <c>requestState</c> mcpshim hands a 2026-07-28 client when it asks the user to confirm a call (issue 15): an
/// HMAC-SHA256 over <see cref="ApprovalClaims"/> with a key that lives only in this process, so mcpshim keeps no state
/// per question, and a token that was altered, made by another process, presented for another call or session, or
/// expired is refused. A nonce used once is remembered until its token expires, so a token cannot be replayed.
/// </summary>
internal sealed class ApprovalToken
{
    private const string Prefix = "mcpshim1.";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    public ApprovalToken(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public DateTimeOffset Now => _time.GetUtcNow();

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string Mint(ApprovalClaims claims)
    {
        var payload = string.Join('|',
            "v1",
            Encode(claims.Session),
            Encode(claims.Tool),
            claims.ArgumentsHash,
            claims.Nonce,
            claims.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            claims.Approved ? "1" : "0",
            claims.ServerState is null ? "-" : Encode(claims.ServerState));
        var body = Prefix + Encode(payload);
        return body + "." + Base64Url.EncodeToString(Mac(body));
    }

    /// <summary>Whether a <c>requestState</c> looks like mcpshim's (it may still fail to verify).</summary>
    public static bool LooksLikeOurs(string state) => state.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The claims of a token this process made, still valid, for this <paramref name="session"/>, <paramref name="tool"/>
    /// and arguments, and not used before (it is used now); else null with the reason.
    /// </summary>
    public ApprovalClaims? Redeem(string token, string session, string tool, string argumentsHash, out string? problem)
    {
        problem = null;
        var dot = token.LastIndexOf('.');
        if (!LooksLikeOurs(token) || dot <= Prefix.Length)
            return Fail("it was not made by this mcpshim session", out problem);
        var body = token[..dot];
        byte[] mac;
        try
        {
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return Fail("it was altered", out problem);
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(body)))
            return Fail("it was altered, or made by another mcpshim session", out problem);
        var fields = Decode(body[Prefix.Length..]).Split('|');
        if (fields.Length != 8 || fields[0] != "v1")
            return Fail("it was altered", out problem);
        var claims = new ApprovalClaims(
            Decode(fields[1]),
            Decode(fields[2]),
            fields[3],
            fields[4],
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[5], CultureInfo.InvariantCulture)),
            fields[6] == "1",
            fields[7] == "-" ? null : Decode(fields[7]));
        if (claims.Session != session)
            return Fail("it belongs to another session", out problem);
        if (claims.Tool != tool || claims.ArgumentsHash != argumentsHash)
            return Fail("it was given for another call (another tool or other arguments)", out problem);
        var now = Now;
        if (now >= claims.ExpiresAt)
            return Fail("it expired", out problem);
        lock (_gate)
        {
            foreach (var stale in _used.Where(u => u.Value <= now).Select(u => u.Key).ToList())
                _used.Remove(stale);
            if (!_used.TryAdd(claims.Nonce, claims.ExpiresAt))
                return Fail("it was used before (a replay)", out problem);
        }

        return claims;
    }

    private static ApprovalClaims? Fail(string why, out string problem)
    {
        problem = why;
        return null;
    }

    private byte[] Mac(string body) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body));

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Decode(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return "\0"; // matches nothing a caller compares with
        }
    }
}
