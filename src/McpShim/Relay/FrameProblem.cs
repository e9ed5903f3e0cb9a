namespace McpShim.Relay;

/// <summary>
/// Why a frame was refused: mainstream JSON-RPC readers could read it differently from mcpshim (issue 13), or it
/// broke a relay limit. A refused frame never reaches its receiver.
/// </summary>
internal enum FrameProblem
{
    None,

    /// <summary>Two keys of one object are equal after unescaping, or equal as Go's case-insensitive match sees them.</summary>
    DuplicateKey,

    /// <summary>A <c>\r</c> that is not the one before the line's <c>\n</c>: a universal-newline reader splits there.</summary>
    BareCarriageReturn,

    /// <summary>More than one JSON value on the line: a streaming decoder reads each of them.</summary>
    TrailingData,

    /// <summary>Nested deeper than <see cref="FrameJudge.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>A request id that readers would spell back differently (<c>1.0</c>, <c>1e0</c>, <c>"\u0032"</c>, null).</summary>
    IdForm,

    /// <summary>Longer than the profile's <c>maxFrameBytes</c>.</summary>
    Oversized,

    /// <summary>Not JSON (or an escaped lone surrogate, which readers decode differently).</summary>
    InvalidJson,

    /// <summary>Bytes that are not UTF-8: some readers reject them, others replace them.</summary>
    InvalidUtf8,

    /// <summary>JSON, but not a JSON-RPC message or batch; or a <c>tools/call</c> without an id.</summary>
    NotJsonRpc,

    /// <summary>A JSON-RPC batch (an array of messages) where a tool policy must judge each call on its own.</summary>
    Batch,
}
