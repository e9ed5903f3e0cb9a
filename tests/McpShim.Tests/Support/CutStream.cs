namespace McpShim.Tests.Support;

/// <summary>A read-only stream whose reads end exactly at the given offsets, and every <c>chunk</c> bytes between them.</summary>
internal sealed class CutStream(byte[] data, int chunk, params int[] cuts) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var end = Math.Min(data.Length, _position + Math.Min(count, chunk));
        foreach (var cut in cuts)
        {
            if (cut > _position && cut < end)
                end = cut;
        }

        var n = end - _position;
        Array.Copy(data, _position, buffer, offset, n);
        _position = end;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
