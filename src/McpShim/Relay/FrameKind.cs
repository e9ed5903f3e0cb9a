namespace McpShim.Relay;

/// <summary>What <see cref="FrameReader"/> found next in the stream.</summary>
internal enum FrameKind
{
    /// <summary>A complete line (without its LF or CRLF).</summary>
    Frame,

    /// <summary>
    /// A piece of a line longer than the streaming threshold; more pieces follow. Long frames are forwarded piece by
    /// piece so a 16 MB result does not wait to be buffered whole, nor cost 16 MB of memory per hop.
    /// </summary>
    Piece,

    /// <summary>The last piece of a streamed line (without its LF or CRLF).</summary>
    LastPiece,

    /// <summary>A line longer than the maximum frame size; its bytes were dropped, only its envelope kept.</summary>
    Oversized,

    /// <summary>Bytes after the last newline at end of stream that do not form a complete JSON value; dropped.</summary>
    TruncatedTail,
}
