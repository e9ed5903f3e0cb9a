using System.Text;

namespace McpShim.Relay;

/// <summary>
/// Streams over a frame too large to buffer and keeps only its top-level <c>id</c> and <c>method</c>, so an oversized
/// request can still be answered with a JSON-RPC error. Constant memory; tolerant of malformed input.
/// </summary>
internal sealed class OversizedFrameScanner
{
    private const int MaxCapture = 256;
    private static readonly System.Buffers.SearchValues<char> NumberChars = System.Buffers.SearchValues.Create("-+.eE0123456789");

    private readonly StringBuilder _capture = new();
    private int _depth;
    private bool _inString;
    private bool _escape;
    private bool _expectKey;
    private bool _capturingKey;
    private bool _capturingValue;
    private string? _lastKey;
    private string? _rawId;
    private string? _method;

    public long Length { get; private set; }

    public OversizedEnvelope Envelope => new(_rawId, _method);

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        Length += chunk.Length;
        foreach (var b in chunk)
            Step(b);
    }

    private void Step(byte b)
    {
        if (_inString)
        {
            if (_capturingKey || _capturingValue)
                Capture(b);
            if (_escape)
                _escape = false;
            else if (b == (byte)'\\')
                _escape = true;
            else if (b == (byte)'"')
                EndString();
            return;
        }

        if (_capturingValue && IsScalarEnd(b))
            EndScalarValue();

        switch (b)
        {
            case (byte)'{':
                _depth++;
                _expectKey = _depth == 1;
                break;
            case (byte)'}':
            case (byte)']':
                _depth--;
                break;
            case (byte)'[':
                _depth++;
                break;
            case (byte)',':
                _expectKey = _depth == 1;
                break;
            case (byte)':':
                if (_depth == 1 && _lastKey is "id" or "method")
                {
                    _capturingValue = true;
                    _capture.Clear();
                }

                break;
            case (byte)'"':
                _inString = true;
                if (_depth == 1 && _expectKey)
                {
                    _capturingKey = true;
                    _capture.Clear();
                }
                else if (_capturingValue)
                {
                    Capture(b);
                }

                break;
            default:
                if (_capturingValue && b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    Capture(b);
                break;
        }
    }

    private void EndString()
    {
        _inString = false;
        if (_capturingKey)
        {
            _capturingKey = false;
            _expectKey = false;
            _lastKey = _capture.Length > 0 ? _capture.ToString(0, _capture.Length - 1) : string.Empty;
        }
        else if (_capturingValue)
        {
            EndScalarValue();
        }
    }

    private void EndScalarValue()
    {
        _capturingValue = false;
        var value = _capture.ToString();
        if (_lastKey == "id")
            _rawId = IsValidRawId(value) ? value : null;
        else if (value.Length >= 2 && value[0] == '"')
            _method = value[1..^1];
        _lastKey = null;
    }

    private static bool IsValidRawId(string value) =>
        (value.Length >= 2 && value[0] == '"' && value[^1] == '"') ||
        (value.Length > 0 && value.AsSpan().IndexOfAnyExcept(NumberChars) < 0);

    private static bool IsScalarEnd(byte b) => b is (byte)',' or (byte)'}' or (byte)']';

    private void Capture(byte b)
    {
        if (_capture.Length < MaxCapture)
            _capture.Append((char)b);
    }
}
