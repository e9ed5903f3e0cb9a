namespace McpShim.Relay;

/// <summary>A client request forwarded to the server and not yet answered.</summary>
internal sealed record PendingRequest(
    RequestKey Id,
    string Method,
    long StartTimestamp,
    long BytesIn,
    string? ToolName,
    ToolCallArguments? Arguments)
{
    public bool IsToolCall => Method == FrameInspector.ToolsCall;

    /// <summary>For a tool call the policy asked the user about: true once they accepted (it is then forwarded).</summary>
    public bool? Confirmed { get; init; }
}
