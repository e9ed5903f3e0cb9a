namespace McpShim.Relay;

/// <summary>What the session does with each frame before it is forwarded (tracking, audit).</summary>
internal interface IFrameObserver
{
    /// <summary>A whole frame, before it is forwarded.</summary>
    void OnFrame(Direction direction, ReadOnlySpan<byte> frame);

    /// <summary>A streamed frame's envelope, after its pieces and before its final LF is forwarded.</summary>
    void OnStreamedFrame(Direction direction, FrameInfo info, long length);

    /// <summary>A frame over the size limit was dropped (or cut off, if streamed).</summary>
    void OnOversized(Direction direction, long length, OversizedEnvelope envelope);
}
