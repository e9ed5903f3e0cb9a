namespace McpShim.Relay;

/// <summary>The <c>reason</c> of a <c>session.end</c> audit line.</summary>
internal static class SessionEndReason
{
    public const string ClientClosed = "client_closed";
    public const string Signal = "signal";
    public const string ServerExited = "server_exited";
    public const string StartupFailed = "startup_failed";

    /// <summary>Its mcpshim died without writing the line; a later mcpshim wrote it (issue 13).</summary>
    public const string Lost = "lost";
}
