namespace McpShim.Relay;

/// <summary>
/// What the audit keeps of a <c>tools/call</c>'s arguments: each name with the byte size of its JSON value, and the
/// raw JSON only when the audit is configured to record values.
/// </summary>
internal sealed record ToolCallArguments(IReadOnlyList<KeyValuePair<string, long>> Sizes, byte[]? RawJson);
