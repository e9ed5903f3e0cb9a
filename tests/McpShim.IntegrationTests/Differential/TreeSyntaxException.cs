namespace McpShim.IntegrationTests.Differential;

/// <summary>Text a reader's parser rejects.</summary>
internal sealed class TreeSyntaxException(string message) : Exception(message);
