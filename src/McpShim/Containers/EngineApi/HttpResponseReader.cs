using System.Globalization;
using System.Text;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// Reads HTTP/1.1 responses from the Engine API connection: the head, then a body by <c>Content-Length</c>, in chunks,
/// or to the end of the stream. It buffers, so what it read past the last response (the first bytes of a hijacked
/// exec stream) is handed on by <see cref="TakeBuffered"/>.
/// </summary>
internal sealed class HttpResponseReader(Stream stream)
{
    private const int MaxHeadBytes = 64 * 1024;
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    /// <summary>Reads the status line and headers. Throws <see cref="IOException"/> when the stream ends first or they make no sense.</summary>
    public HttpResponseHead ReadHead()
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeadBytes)
                throw new IOException($"the engine's HTTP response head is longer than {MaxHeadBytes} bytes");
            if (!Fill())
                throw new IOException(_end == _start ? "the engine closed the connection without answering" : "the engine's HTTP response ended within its head");
        }

        var text = Encoding.ASCII.GetString(_buffer, _start, headEnd);
        _start += headEnd + 4;
        var lines = text.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) ||
            !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new IOException($"the engine answered something that is not HTTP/1.x: '{Shorten(lines[0])}'");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new HttpResponseHead(code, status.Length > 2 ? status[2] : string.Empty, headers);
    }

    /// <summary>Reads the body that follows <paramref name="head"/>.</summary>
    public byte[] ReadBody(HttpResponseHead head)
    {
        if (head.Status is (>= 100 and < 200) or 204 or 304)
            return [];
        if (head.IsChunked)
            return ReadChunked();
        if (head.Header("Content-Length") is { } length)
        {
            if (!int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxBodyBytes)
                throw new IOException($"the engine's HTTP response has an unusable Content-Length '{Shorten(length)}'");
            return ReadExactly(count);
        }

        // Neither: the body runs to the end of the connection.
        var body = new MemoryStream();
        do
        {
            body.Write(_buffer, _start, _end - _start);
            _start = _end;
            if (body.Length > MaxBodyBytes)
                throw new IOException($"the engine's HTTP response body is longer than {MaxBodyBytes} bytes");
        }
        while (Fill());
        return body.ToArray();
    }

    /// <summary>The bytes read past the last head or body, which belong to what follows; the buffer is empty after.</summary>
    public byte[] TakeBuffered()
    {
        var rest = _buffer.AsSpan(_start, _end - _start).ToArray();
        _start = _end = 0;
        return rest;
    }

    private byte[] ReadChunked()
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = ReadLine();
            var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var sizeText = (semicolon >= 0 ? sizeLine[..semicolon] : sizeLine).Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0 ||
                body.Length + size > MaxBodyBytes)
            {
                throw new IOException($"the engine's chunked HTTP response has a bad chunk size '{Shorten(sizeLine)}'");
            }

            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while (ReadLine().Length > 0)
                {
                }

                return body.ToArray();
            }

            body.Write(ReadExactly(size));
            if (ReadLine().Length != 0)
                throw new IOException("the engine's chunked HTTP response has a chunk longer than its size");
        }
    }

    private string ReadLine()
    {
        int lineEnd;
        while ((lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeadBytes || !Fill())
                throw new IOException("the engine's chunked HTTP response ended early");
        }

        var line = Encoding.ASCII.GetString(_buffer, _start, lineEnd);
        _start += lineEnd + 2;
        return line;
    }

    private byte[] ReadExactly(int count)
    {
        var result = new byte[count];
        var have = Math.Min(count, _end - _start);
        _buffer.AsSpan(_start, have).CopyTo(result);
        _start += have;
        if (have < count)
            stream.ReadExactly(result, have, count - have); // EndOfStreamException is an IOException
        return result;
    }

    /// <summary>Reads more into the buffer; false at the end of the stream.</summary>
    private bool Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var n = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += n;
        return n > 0;
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
