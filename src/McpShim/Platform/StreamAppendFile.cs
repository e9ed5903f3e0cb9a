namespace McpShim.Platform;

/// <summary>Windows: a FileStream in append mode, shared with other writers, flushed after each line.</summary>
internal sealed class StreamAppendFile(string path) : IAppendFile
{
    private readonly FileStream _stream = new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1);

    public void Write(ReadOnlySpan<byte> line)
    {
        _stream.Write(line);
        _stream.Flush();
    }

    public void Dispose() => _stream.Dispose();
}
