namespace McpShim.Platform;

/// <summary>macOS and Windows: no identities read, so mount checks compare real paths only.</summary>
internal sealed class NoFileIdentities : IFileIdentities
{
    public bool Supported => false;

    public FileIdentity? OfPath(string path, out int error)
    {
        error = 0;
        return null;
    }

    public int Hold(string path, out int error)
    {
        error = 0;
        return -1;
    }

    public FileIdentity? OfHeld(int handle, out int error)
    {
        error = 0;
        return null;
    }

    public string? PathOfHeld(int handle) => null;

    public void Release(int handle)
    {
    }
}
