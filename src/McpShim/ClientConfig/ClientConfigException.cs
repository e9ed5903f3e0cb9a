namespace McpShim.ClientConfig;

/// <summary>
/// A client configuration file mcpshim will not edit, or could not: the message names the file, what is wrong and
/// what to do, and is shown to the user as is. Nothing has been written when it is thrown.
/// </summary>
internal sealed class ClientConfigException : Exception
{
    public ClientConfigException(string message)
        : base(message)
    {
    }

    public ClientConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
