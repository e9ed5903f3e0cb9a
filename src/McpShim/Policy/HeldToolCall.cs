using McpShim.Relay;

namespace McpShim.Policy;

/// <summary>
/// A client's <c>tools/call</c> that mcpshim holds instead of forwarding: until the server's tool list is known, or
/// until the user answers the confirmation. It is forwarded later as the bytes the client sent.
/// </summary>
internal sealed class HeldToolCall(RequestKey id, string? tool, ToolCallArguments? arguments, long bytesIn, long arrived, long sequence)
{
    public RequestKey Id { get; } = id;

    public string? Tool { get; } = tool;

    /// <summary>Arrival order, so calls released together go out in the order they came.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The frame as the client sent it (without LF); set when the call is held.</summary>
    public byte[]? Frame { get; set; }

    public bool AwaitingConfirmation => ConfirmationId is not null;

    /// <summary>The (decoded) id of mcpshim's <c>elicitation/create</c> for this call, while the user is being asked.</summary>
    public string? ConfirmationId { get; set; }

    public Timer? ConfirmationTimeout { get; set; }

    /// <summary>The request as the tracker and the audit see it (arrival time, size, arguments).</summary>
    public PendingRequest ToPending(bool? confirmed = null) =>
        new(Id, FrameInspector.ToolsCall, arrived, bytesIn, Tool, arguments) { Confirmed = confirmed };
}
