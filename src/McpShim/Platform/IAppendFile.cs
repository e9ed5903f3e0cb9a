namespace McpShim.Platform;

/// <summary>A file opened for appending, where each write lands whole at the end even with other writers.</summary>
internal interface IAppendFile : IDisposable
{
    /// <summary>Writes <paramref name="line"/> in one piece, or throws <see cref="IOException"/>.</summary>
    void Write(ReadOnlySpan<byte> line);
}
