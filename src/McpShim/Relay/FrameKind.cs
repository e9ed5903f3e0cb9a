namespace McpShim.Relay;

/// <summary>What <see cref="FrameReader"/> found next in the stream.</summary>
internal enum FrameKind
{
    /// <summary>A complete line (without its LF or CRLF).</summary>
    Frame,

    /// <summary>A line longer than the maximum frame size; its bytes were dropped, only its envelope kept.</summary>
    Oversized,

    /// <summary>Bytes after the last newline at end of stream that do not form a complete JSON value; dropped.</summary>
    TruncatedTail,
}
