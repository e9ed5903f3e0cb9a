namespace McpShim.Relay;

/// <summary>
/// Moves the bytes of a streamed frame from the source to the destination inside the kernel (Linux: <c>tee</c> to
/// look at them, <c>splice</c> to send them on), so mcpshim reads each byte once and never writes it. Small frames
/// never take this route: their envelope is read whole and they are written in batches.
/// </summary>
internal interface IZeroCopyRoute : IDisposable
{
    /// <summary>
    /// Copies what is waiting in the source into <paramref name="buffer"/> (up to its length) and leaves it there, so
    /// it can be scanned before it is moved. Blocks until there is something; 0 at the end of the stream. Throws
    /// <see cref="NotSupportedException"/> when the source cannot be peeked: nothing was taken, a plain read follows.
    /// </summary>
    int Peek(Span<byte> buffer);

    /// <summary>
    /// Sends the first <paramref name="count"/> bytes waiting in the source (peeked already) to the destination.
    /// Throws <see cref="NotSupportedException"/>, with nothing sent, when the destination takes no spliced data.
    /// </summary>
    void Move(int count);

    /// <summary>Takes the first <paramref name="count"/> bytes waiting in the source (peeked already) and drops them.</summary>
    void Skip(int count);
}
