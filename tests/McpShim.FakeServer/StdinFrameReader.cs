namespace McpShim.FakeServer;

/// <summary>
/// Splits a byte stream on '\n' without decoding it, so a UTF-8 character split across two reads stays intact.
/// A trailing '\r' is dropped (CRLF tolerated) and blank lines are skipped. <paramref name="beforeBlocking"/> runs
/// each time no whole frame is left and the reader is about to wait for more input.
/// </summary>
internal sealed class StdinFrameReader(Stream input, Action beforeBlocking)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private int _scanFrom;

    /// <summary>
    /// Reads the next frame. The span is valid until the next call. Returns false at end of input; a last line
    /// without '\n' still counts as a frame.
    /// </summary>
    public bool TryReadFrame(out ReadOnlySpan<byte> frame)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanFrom, _end - _scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _scanFrom + newline;
                frame = Trim(_buffer.AsSpan(_start, lineEnd - _start));
                _start = _scanFrom = lineEnd + 1;
                if (frame.IsEmpty)
                    continue;
                return true;
            }

            _scanFrom = _end;
            beforeBlocking();
            MakeRoom();
            var read = input.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                frame = Trim(_buffer.AsSpan(_start, _end - _start));
                _start = _scanFrom = _end;
                if (!frame.IsEmpty)
                    return true;
                return false;
            }

            _end += read;
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void MakeRoom()
    {
        if (_start == _end)
        {
            _start = _end = _scanFrom = 0;
            return;
        }

        if (_end < _buffer.Length)
            return;

        var pending = _end - _start;
        if (_start > 0 && pending <= _buffer.Length / 2)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else
        {
            var bigger = new byte[_buffer.Length * 2];
            _buffer.AsSpan(_start, pending).CopyTo(bigger);
            _buffer = bigger;
        }

        _scanFrom -= _start;
        _start = 0;
        _end = pending;
    }
}
