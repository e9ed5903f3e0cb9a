namespace McpShim.Relay;

/// <summary>
/// The few facts the relay reads from a frame; everything else passes through unparsed. For a response read whole,
/// <see cref="ResultStart"/> marks its <c>result</c> so <c>isError</c> is read only for tool calls
/// (<see cref="FrameInspector.ResultIsError"/>); the streaming scanner knows <see cref="IsToolError"/> directly.
/// <see cref="NonCanonicalId"/>: the id is not a plain integer or an unescaped string (<c>1.0</c>, <c>"2"</c>,
/// null), so a peer could answer it spelled otherwise; <see cref="Id"/> then holds its value (1, "2").
/// <see cref="SaysJsonRpc20"/>: the message has <c>"jsonrpc": "2.0"</c> (its first <c>jsonrpc</c> member, the only one
/// in a judged frame); the judging of a client frame refuses a message without it. The streaming scanner leaves it false.
/// </summary>
internal readonly record struct FrameInfo(
    MessageKind Kind,
    string? Method,
    RequestKey? Id,
    string? ToolName,
    ToolCallArguments? Arguments,
    bool IsErrorResponse,
    bool IsToolError,
    int ResultStart = -1,
    bool NonCanonicalId = false,
    bool SaysJsonRpc20 = false)
{
    public static FrameInfo Other => new(MessageKind.Other, null, null, null, null, false, false);

    /// <summary>Whether a tool call's result says <c>isError: true</c>; <paramref name="frame"/> is the whole frame, when there is one.</summary>
    public bool ToolErrorIn(ReadOnlySpan<byte> frame) =>
        ResultStart >= 0 ? FrameInspector.ResultIsError(frame[ResultStart..]) : IsToolError;
}
