namespace McpShim.Sandbox;

/// <summary>The sandbox could not be applied as planned; the server must not run (the message names what failed).</summary>
internal sealed class SandboxException : Exception
{
    public SandboxException(string message)
        : base(message)
    {
    }

    public SandboxException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
