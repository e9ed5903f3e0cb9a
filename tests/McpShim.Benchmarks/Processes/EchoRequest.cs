using System.Text;

namespace McpShim.Benchmarks.Processes;

/// <summary>
/// A tools/call 'echo' frame carrying a message of a given size, built once. Its id has a fixed width of seven
/// digits and is rewritten in place, so each round trip sends a fresh id without building a new 16 MB buffer.
/// </summary>
internal sealed class EchoRequest
{
    public const long FirstId = 1_000_000;
    private const int IdDigits = 7;
    private static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":");

    private readonly byte[] _frame;

    public EchoRequest(int messageBytes)
    {
        MessageBytes = messageBytes;
        var middle = Encoding.UTF8.GetBytes(",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"");
        var tail = "\"}}}\n"u8;
        _frame = new byte[Head.Length + IdDigits + middle.Length + messageBytes + tail.Length];
        var at = 0;
        Head.CopyTo(_frame, at);
        at += Head.Length + IdDigits;
        middle.CopyTo(_frame, at);
        at += middle.Length;
        _frame.AsSpan(at, messageBytes).Fill((byte)'x');
        tail.CopyTo(_frame.AsSpan(at + messageBytes));
        SetId(FirstId);
    }

    public int MessageBytes { get; }

    public ReadOnlySpan<byte> Frame => _frame;

    public void SetId(long id)
    {
        if (id is < FirstId or > 9_999_999)
            throw new ArgumentOutOfRangeException(nameof(id), id, "echo ids have seven digits");
        var digits = _frame.AsSpan(Head.Length, IdDigits);
        for (var i = IdDigits - 1; i >= 0; i--, id /= 10)
            digits[i] = (byte)('0' + (id % 10));
    }
}
