namespace McpShim.Relay;

/// <summary>What the session does with each frame before it is forwarded (tracking, audit).</summary>
internal interface IFrameObserver
{
    void OnFrame(Direction direction, ReadOnlySpan<byte> frame);

    void OnOversized(Direction direction, long length, OversizedEnvelope envelope);
}
