namespace McpShim.Inspection;

/// <summary>How a <c>mcpshim doctor</c> check ended. Only <see cref="Fail"/> makes the exit code non-zero.</summary>
internal enum CheckOutcome
{
    Ok,
    Warn,
    Fail,
}
