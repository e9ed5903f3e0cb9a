namespace McpShim.Relay;

/// <summary>Why a <see cref="FramePump"/> stopped.</summary>
internal enum PumpEnd
{
    /// <summary>End of stream on the reading side.</summary>
    SourceClosed,

    /// <summary>The writing side went away (broken pipe).</summary>
    DestinationBroken,
}
