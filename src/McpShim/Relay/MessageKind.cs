namespace McpShim.Relay;

internal enum MessageKind
{
    /// <summary>Not a JSON-RPC object (not JSON, or a batch array): forwarded unchanged, not tracked.</summary>
    Other,
    Request,
    Notification,
    Response,
}
