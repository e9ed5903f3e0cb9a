namespace McpShim.Benchmarks.Processes;

/// <summary>
/// Splits the child's stdout on '\n' without decoding it; a trailing '\r' is dropped. The returned span is valid
/// until the next read.
/// </summary>
internal sealed class FrameReader(Stream input)
{
    private byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;
    private int _scanFrom;

    /// <exception cref="EndOfStreamException">The child closed its stdout.</exception>
    public ReadOnlySpan<byte> ReadFrame()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanFrom, _end - _scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _scanFrom + newline;
                var frame = _buffer.AsSpan(_start, lineEnd - _start);
                _start = _scanFrom = lineEnd + 1;
                if (frame.Length > 0 && frame[^1] == (byte)'\r')
                    frame = frame[..^1];
                if (!frame.IsEmpty)
                    return frame;
                continue;
            }

            _scanFrom = _end;
            MakeRoom();
            var read = input.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
                throw new EndOfStreamException("the server closed its stdout");
            _end += read;
        }
    }

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
