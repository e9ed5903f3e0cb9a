namespace McpShim.Relay;

/// <summary>
/// One item read by <see cref="FrameReader"/>. <see cref="Bytes"/> points into the reader's buffer and is valid only
/// until the next read.
/// </summary>
internal readonly ref struct FrameReadResult(FrameKind kind, ReadOnlySpan<byte> bytes, long length, OversizedEnvelope? envelope, bool inSource = false, bool held = false)
{
    /// <summary>
    /// A whole frame that was held in the reader's <see cref="HeldFrameBuffer"/>, from its start: the caller may take
    /// that buffer (<see cref="FrameReader.DetachHeld"/>) to write the frame on another thread.
    /// </summary>
    public bool Held { get; } = held;

    /// <summary>
    /// A streamed piece whose bytes were peeked through <see cref="FrameReader.ZeroCopy"/>: they still wait in the
    /// source, and go on with <see cref="FrameReader.MoveInSource"/> rather than a write.
    /// </summary>
    public bool InSource { get; } = inSource;

    public FrameKind Kind { get; } = kind;

    public ReadOnlySpan<byte> Bytes { get; } = bytes;

    /// <summary>Length of the frame in bytes (for oversized frames, the dropped length).</summary>
    public long Length { get; } = length;

    /// <summary>For oversized frames: the id and method found in it, so a request can still be answered.</summary>
    public OversizedEnvelope? Envelope { get; } = envelope;
}
