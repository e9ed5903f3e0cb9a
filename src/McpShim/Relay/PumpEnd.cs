namespace McpShim.Relay;

/// <summary>Why a <see cref="FramePump"/> stopped.</summary>
internal enum PumpEnd
{
    /// <summary>End of stream on the reading side.</summary>
    SourceClosed,

    /// <summary>The writing side went away (broken pipe).</summary>
    DestinationBroken,

    /// <summary>
    /// mcpshim itself failed (a bug, logged with its stack): the pump stops as if its destination broke, so the session
    /// still ends cleanly, with its audit end line, instead of the process dying on a relay thread.
    /// </summary>
    Failed,
}
