namespace McpShim.Relay;

/// <summary>
/// What a pump does with a whole frame once the session has seen it: forward its bytes unchanged (the default, and
/// the only verdict without a policy), drop it, or send other bytes in its place. Anything mcpshim sends to the
/// frame's sender goes through that side's <see cref="FrameOutbox"/>, not through the verdict.
/// </summary>
internal readonly struct FrameVerdict
{
    private readonly bool _drop;

    private FrameVerdict(bool drop, byte[]? replacement)
    {
        _drop = drop;
        Replacement = replacement;
    }

    public static FrameVerdict Forward => default;

    public static FrameVerdict Drop => new(drop: true, null);

    /// <summary>The frame to send instead (without its LF), or null.</summary>
    public byte[]? Replacement { get; }

    public bool IsForward => !_drop && Replacement is null;

    public bool IsDrop => _drop;

    /// <summary>Sends <paramref name="frame"/> (one JSON-RPC message, no LF) in place of the frame read.</summary>
    public static FrameVerdict Replace(byte[] frame) => new(drop: false, frame);
}
