namespace McpShim.Relay;

/// <summary>What the session does with each frame before it is forwarded (tracking, audit, tool policy).</summary>
internal interface IFrameObserver
{
    /// <summary>A whole frame, before it is forwarded; the verdict says whether it goes out as is.</summary>
    FrameVerdict OnFrame(Direction direction, ReadOnlySpan<byte> frame);

    /// <summary>A streamed frame's envelope, after its pieces and before its final LF is forwarded.</summary>
    void OnStreamedFrame(Direction direction, FrameInfo info, long length);

    /// <summary>A frame over the size limit was dropped (or cut off, if streamed).</summary>
    void OnOversized(Direction direction, long length, OversizedEnvelope envelope);

    /// <summary>Which long frames of this direction may stream; null (no policy) means all of them, with no check.</summary>
    StreamHeadFilter? StreamFilter(Direction direction);

    /// <summary>
    /// Without a policy, a pump shows a run of frames read together one <see cref="OnFrame"/> after another and
    /// writes none of them before <see cref="RunEnded"/>; the observer may keep what it learns until then.
    /// </summary>
    void RunStarting(Direction direction)
    {
    }

    /// <summary>The end of a run, always called, before any of its frames is written.</summary>
    void RunEnded(Direction direction)
    {
    }
}
