namespace McpShim.Relay;

/// <summary>The audit's name for each <see cref="FrameProblem"/>, and what the sender should do instead.</summary>
internal static class FrameProblems
{
    public static string Name(this FrameProblem problem) => problem switch
    {
        FrameProblem.DuplicateKey => "duplicate_key",
        FrameProblem.BareCarriageReturn => "bare_cr",
        FrameProblem.TrailingData => "trailing_data",
        FrameProblem.TooDeep => "depth",
        FrameProblem.IdForm => "id_form",
        FrameProblem.Oversized => "oversized",
        FrameProblem.InvalidJson => "invalid_json",
        FrameProblem.InvalidUtf8 => "invalid_utf8",
        FrameProblem.NotJsonRpc => "not_jsonrpc",
        FrameProblem.Batch => "batch",
        _ => "none",
    };

    /// <summary>What is wrong, and the fix, for the error the sender gets.</summary>
    public static string Explain(this FrameProblem problem) => problem switch
    {
        FrameProblem.DuplicateKey =>
            "an object repeats a key (after unescaping, or differing only in letter case), or spells a protocol field otherwise (\"Method\", \"ıd\"), and readers disagree on which one counts; send each key once, spelt exactly",
        FrameProblem.BareCarriageReturn =>
            "it holds a carriage return (\\r) that does not end the line, where some readers start a new message; end lines with \\n or \\r\\n only",
        FrameProblem.TrailingData =>
            "the line holds more than one JSON value, and some readers act on each; send one message per line",
        FrameProblem.TooDeep =>
            $"it is nested deeper than {FrameJudge.MaxDepth} levels; flatten the data",
        FrameProblem.IdForm =>
            "its id is not written as a plain integer (no fraction or exponent, at most 2^53-1) or a string without escapes, so the answer's id could be spelled differently; use such an id",
        FrameProblem.Oversized =>
            "it is longer than the profile's \"maxFrameBytes\"; raise that limit in the profile if this is expected",
        FrameProblem.InvalidJson =>
            "it is not valid JSON (or escapes a lone UTF-16 surrogate, which readers decode differently)",
        FrameProblem.InvalidUtf8 =>
            "it is not valid UTF-8, which some readers reject and others repair; send UTF-8",
        FrameProblem.NotJsonRpc =>
            "it is not a JSON-RPC request, notification, response or batch (a tools/call needs an id)",
        FrameProblem.Batch =>
            "it is a JSON-RPC batch (an array of messages, dropped from MCP in 2025-06-18), and the profile's tool policy judges each call on its own; send one message per line",
        _ => "",
    };

    /// <summary>The JSON-RPC error code: parse error for bytes that are not JSON, invalid request for the rest.</summary>
    public static int ErrorCode(this FrameProblem problem) =>
        problem is FrameProblem.InvalidJson or FrameProblem.InvalidUtf8 or FrameProblem.TrailingData or FrameProblem.BareCarriageReturn
            ? JsonRpcErrors.ParseError
            : JsonRpcErrors.InvalidRequest;
}
