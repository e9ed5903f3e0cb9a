namespace McpShim.Relay;

/// <summary>The few facts the relay reads from a frame; everything else passes through unparsed.</summary>
internal readonly record struct FrameInfo(
    MessageKind Kind,
    string? Method,
    string? RawId,
    string? ToolName,
    ToolCallArguments? Arguments,
    bool IsErrorResponse,
    bool IsToolError)
{
    public static FrameInfo Other => new(MessageKind.Other, null, null, null, null, false, false);
}
