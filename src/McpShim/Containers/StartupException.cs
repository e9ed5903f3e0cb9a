namespace McpShim.Containers;

/// <summary>
/// The server could not be started. The message says what is wrong and how to fix it; the relay sends it to the
/// client as the answer to <c>initialize</c> and logs it on stderr.
/// </summary>
internal sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
