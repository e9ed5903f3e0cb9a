using McpShim.Platform;

namespace McpShim.Relay;

/// <summary>
/// Where a line held whole collects: a client frame is judged in full before a byte of it goes out (issue 13). Address
/// space for the largest frame allowed is reserved at the first such line (<see cref="IProcessHost.ReserveMemory"/>), and the OS
/// backs only the pages a frame fills: the frame grows as one span, read straight into place and never copied as it
/// grows, and costs the memory of that one frame. <see cref="Clear"/> keeps the pages for the next big frame;
/// <see cref="Release"/> gives them back. Where nothing can be reserved (Windows), an array grows by doubling instead.
/// </summary>
internal sealed unsafe class HeldFrameBuffer : IDisposable
{
    /// <summary>The most one read asks for: the bytes after a frame's end that a read took along stay few.</summary>
    public const int ReadChunk = 1 << 20;

    private const int MaxCapacity = int.MaxValue - ReadChunk;

    private readonly int _capacity;
    private nint _reserved; // the reservation's start; 0 when none is made
    private bool _cannotReserve;
    private byte[]? _array; // without a reservation
    private int _length;
    private int _highWater; // bytes written since the last release: the pages the OS backs

    /// <param name="maxFrameBytes">The frame limit: room is made for that much and one more read, up to 2 GiB.</param>
    public HeldFrameBuffer(long maxFrameBytes)
    {
        _capacity = (int)Math.Min(maxFrameBytes + ReadChunk, MaxCapacity);
    }

    ~HeldFrameBuffer() => Unmap();

    public int Length => _length;

    /// <summary>No room is left: only for a frame limit near 2 GiB, whose frames are refused as over it.</summary>
    public bool IsFull => _length == _capacity;

    /// <summary>The memory held now: the pages written since the last <see cref="Release"/>, or the array.</summary>
    public long HeldBytes => _reserved != 0 ? _highWater : _array?.Length ?? 0;

    public ReadOnlySpan<byte> Written => Slice(0, _length);

    /// <summary>Room after what was written: up to <paramref name="max"/> bytes (fewer only near the capacity).</summary>
    public Span<byte> GetSpace(int max)
    {
        var count = Math.Min(max, _capacity - _length);
        Ensure(_length + count);
        return Slice(_length, count);
    }

    /// <summary>Counts <paramref name="count"/> bytes just written into <see cref="GetSpace"/>'s span.</summary>
    public void Advance(int count)
    {
        _length += count;
        _highWater = Math.Max(_highWater, _length);
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpace(bytes.Length));
        Advance(bytes.Length);
    }

    /// <summary>Empties it for the next frame; the memory stays, so a big frame that follows costs no new pages.</summary>
    public void Clear() => _length = 0;

    /// <summary>Empties it and gives its memory back to the OS.</summary>
    public void Release()
    {
        _length = _highWater = 0;
        _array = null;
        Unmap();
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Ensure(int needed)
    {
        if (_reserved == 0 && !_cannotReserve)
        {
            _reserved = ShimPlatform.Current.Processes.ReserveMemory((nuint)_capacity);
            _cannotReserve = _reserved == 0;
        }

        if (_reserved != 0 || (_array is not null && _array.Length >= needed))
            return;
        var grown = GC.AllocateUninitializedArray<byte>((int)Math.Min(Math.Max(needed, 2L * (_array?.Length ?? ReadChunk / 2)), _capacity));
        _array?.AsSpan(0, _length).CopyTo(grown);
        _array = grown;
    }

    private Span<byte> Slice(int start, int length) =>
        _reserved != 0 ? new Span<byte>((byte*)_reserved + start, length) : _array.AsSpan(start, length);

    private void Unmap()
    {
        var reserved = Interlocked.Exchange(ref _reserved, 0);
        ReservedMemory.Free(reserved, (nuint)_capacity);
    }
}
