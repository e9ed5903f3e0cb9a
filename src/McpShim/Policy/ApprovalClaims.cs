namespace McpShim.Policy;

/// <summary>
/// What an approval token binds (issue 15, MRTR): the session, the tool, a hash of the call's arguments, a nonce and
/// an expiry; whether the user has already accepted (a token mcpshim wraps around the server's own
/// <c>requestState</c>); and that state, which goes back to the server on the retry.
/// </summary>
internal sealed record ApprovalClaims(
    string Session,
    string Tool,
    string ArgumentsHash,
    string Nonce,
    DateTimeOffset ExpiresAt,
    bool Approved,
    string? ServerState);
