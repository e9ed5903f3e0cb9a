namespace McpShim.Policy;

/// <summary>The server could not be asked for its tools (<c>mcpshim pin</c>); the message says what it did instead.</summary>
internal sealed class ToolListingException(string message) : Exception(message);
