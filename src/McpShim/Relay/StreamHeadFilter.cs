namespace McpShim.Relay;

/// <summary>
/// Asked once per frame that reaches <see cref="FramePump.StreamThreshold"/> before its newline, with the bytes read
/// so far: true lets it be forwarded piece by piece, false holds it whole (up to the maximum frame size) so the
/// session can decide on it.
/// </summary>
internal delegate bool StreamHeadFilter(ReadOnlySpan<byte> head);
