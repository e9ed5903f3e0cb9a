using System.Text;

namespace McpShim.Tests.Support;

/// <summary>A write-only in-memory stream safe for several writer threads (stands in for stderr).</summary>
internal sealed class LockedMemoryStream : Stream
{
    private readonly MemoryStream _inner = new();

    public string Text
    {
        get
        {
            lock (_inner)
                return Encoding.UTF8.GetString(_inner.ToArray());
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length
    {
        get
        {
            lock (_inner)
                return _inner.Length;
        }
    }

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_inner)
            _inner.Write(buffer);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
