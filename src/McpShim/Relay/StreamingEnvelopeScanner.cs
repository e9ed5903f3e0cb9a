using System.Buffers;
using System.Text;
using System.Text.Json;

namespace McpShim.Relay;

/// <summary>
/// Reads a frame's JSON-RPC envelope from pieces, for frames too long to hold whole (they are forwarded piece by
/// piece, or dropped when over the limit). It finds what <see cref="FrameInspector"/> finds in a whole frame: kind,
/// method, id, the tool name and argument sizes of <c>tools/call</c>, and <c>result.isError</c>. Constant memory,
/// no allocation per byte, tolerant of malformed input.
/// </summary>
internal sealed class StreamingEnvelopeScanner
{
    private const int MaxCapture = 256;
    private static readonly SearchValues<byte> StringStops = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> StringStopsAndNewline = SearchValues.Create("\"\\\n"u8);
    private const int MaxTrackedDepth = 64;
    private const byte Object = 1;
    private const byte Array = 2;

    private readonly byte[] _containers = new byte[MaxTrackedDepth + 1];
    private readonly bool[] _expectKey = new bool[MaxTrackedDepth + 1];
    private readonly long[] _containerStart = new long[MaxTrackedDepth + 1];
    private readonly string?[] _keys = new string?[4];
    private readonly byte[] _capture = new byte[MaxCapture];
    private readonly List<KeyValuePair<string, long>> _argumentSizes = [];
    private int _captured;
    private bool _captureOverflow;
    private long _offset;
    private int _depth;
    private bool _inString;
    private bool _escape;
    private bool _stringIsKey;
    private bool _inScalar;
    private long _valueStart;
    private bool _hasId;
    private bool _hasResult;
    private bool _hasError;
    private bool _hasArguments;
    private bool _isToolError;
    private bool _sawTopLevelObject;
    private string? _rawId;
    private string? _method;
    private string? _toolName;

    public long Length => _offset;

    public OversizedEnvelope Envelope => new(_rawId, _method);

    private RequestKey? IdKey => _rawId is null ? null : RequestKey.FromJson(_rawId);

    public void Feed(ReadOnlySpan<byte> piece) => Feed(piece, untilNewline: false);

    /// <summary>
    /// Feeds <paramref name="piece"/> up to its first LF, the end of the frame, and returns the LF's index (not fed),
    /// or -1 when there is none and all of it was fed. The streamed frame is searched for its end in the same pass that
    /// reads its envelope: the bulk of a big frame, string content, is then read once rather than twice.
    /// </summary>
    public int FeedToNewline(ReadOnlySpan<byte> piece) => Feed(piece, untilNewline: true);

    private int Feed(ReadOnlySpan<byte> piece, bool untilNewline)
    {
        var stops = untilNewline ? StringStopsAndNewline : StringStops;
        var i = 0;
        while (i < piece.Length)
        {
            if (_inString && !_escape)
            {
                // Fast path: the bulk of a big frame is string content; jump to its next quote or backslash.
                var run = piece[i..].IndexOfAny(stops);
                var plain = run < 0 ? piece.Length - i : run;
                if (plain > 0)
                {
                    CaptureRun(piece.Slice(i, plain));
                    i += plain;
                    _offset += plain;
                    continue;
                }
            }

            var b = piece[i];
            if (untilNewline && b == (byte)'\n')
                return i;
            Step(b);
            _offset++;
            i++;
        }

        return -1;
    }

    /// <summary>Takes back the last <paramref name="count"/> bytes fed: line-end whitespace that is not forwarded.</summary>
    public void ExcludeTrailing(int count) => _offset -= count;

    /// <summary>What the frame turned out to be; argument values are never kept.</summary>
    public FrameInfo ToFrameInfo()
    {
        if (!_sawTopLevelObject)
            return FrameInfo.Other;
        var arguments = _hasArguments ? new ToolCallArguments(_argumentSizes.ToArray(), null) : null;
        if (_method is not null)
        {
            return _hasId
                ? new FrameInfo(MessageKind.Request, _method, IdKey, _method == FrameInspector.ToolsCall ? _toolName : null, _method == FrameInspector.ToolsCall ? arguments : null, false, false)
                : new FrameInfo(MessageKind.Notification, _method, null, null, null, false, false);
        }

        return _hasId && (_hasResult || _hasError)
            ? new FrameInfo(MessageKind.Response, null, IdKey, null, null, _hasError, _hasResult && _isToolError)
            : FrameInfo.Other;
    }

    private void Step(byte b)
    {
        if (_inString)
        {
            Capture(b);
            if (_escape)
                _escape = false;
            else if (b == (byte)'\\')
                _escape = true;
            else if (b == (byte)'"')
                EndString();
            return;
        }

        if (_inScalar)
        {
            if (b is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                _inScalar = false;
                OnValue(_valueStart, _offset);
            }
            else
            {
                Capture(b);
                return;
            }
        }

        switch (b)
        {
            case (byte)'{':
            case (byte)'[':
                _depth++;
                if (_depth == 1)
                    _sawTopLevelObject = b == (byte)'{';
                if (_depth <= MaxTrackedDepth)
                {
                    _containers[_depth] = b == (byte)'{' ? Object : Array;
                    _expectKey[_depth] = b == (byte)'{';
                    _containerStart[_depth] = _offset;
                }

                break;
            case (byte)'}':
            case (byte)']':
                if (_depth >= 1 && _depth <= MaxTrackedDepth)
                {
                    var start = _containerStart[_depth];
                    _depth--;
                    _captureOverflow = true; // a container is never an id, method, name or isError
                    OnValue(start, _offset + 1);
                }
                else
                {
                    _depth--;
                }

                break;
            case (byte)',':
                if (_depth is >= 1 and <= MaxTrackedDepth && _containers[_depth] == Object)
                    _expectKey[_depth] = true;
                break;
            case (byte)':':
            case (byte)' ':
            case (byte)'\t':
            case (byte)'\r':
            case (byte)'\n':
                break;
            case (byte)'"':
                _inString = true;
                _stringIsKey = _depth is >= 1 and <= MaxTrackedDepth && _containers[_depth] == Object && _expectKey[_depth];
                _valueStart = _offset;
                StartCapture();
                Capture(b);
                break;
            default:
                _inScalar = true;
                _valueStart = _offset;
                StartCapture();
                Capture(b);
                break;
        }
    }

    private void EndString()
    {
        _inString = false;
        if (_stringIsKey)
        {
            _expectKey[_depth] = false;
            if (_depth < _keys.Length)
                _keys[_depth] = _captureOverflow ? null : Unquote();
            return;
        }

        OnValue(_valueStart, _offset + 1);
    }

    /// <summary>A value at depth <c>_depth</c> (1 = a member of the top-level object) spans [start, end).</summary>
    private void OnValue(long start, long end)
    {
        if (_depth < 1 || _depth >= _keys.Length || _containers[_depth] != Object)
            return;
        var key = _keys[_depth];
        switch (_depth)
        {
            case 1 when key == "id":
                _hasId = true;
                _rawId = _captureOverflow || end - start > MaxCapture ? null : RawIdOrNull();
                break;
            case 1 when key == "method":
                _method = IsCapturedString(start, end) ? Unquote() : null;
                break;
            case 1 when key == "result":
                _hasResult = true;
                break;
            case 1 when key == "error":
                _hasError = true;
                break;
            case 2 when _keys[1] == "params" && key == "name":
                _toolName = IsCapturedString(start, end) ? Unquote() : null;
                break;
            case 2 when _keys[1] == "params" && key == "arguments":
                _hasArguments = true;
                break;
            case 2 when _keys[1] == "result" && key == "isError":
                _isToolError = end - start == 4 && IsCaptured("true"u8);
                break;
            case 3 when _keys[1] == "params" && _keys[2] == "arguments" && key is not null:
                _argumentSizes.Add(new(key, end - start));
                break;
        }
    }

    private void StartCapture()
    {
        _captured = 0;
        _captureOverflow = false;
    }

    private void Capture(byte b)
    {
        if (_captured < MaxCapture)
            _capture[_captured++] = b;
        else
            _captureOverflow = true;
    }

    private void CaptureRun(ReadOnlySpan<byte> run)
    {
        var room = MaxCapture - _captured;
        if (run.Length > room)
        {
            _captureOverflow = true;
            run = run[..room];
        }

        run.CopyTo(_capture.AsSpan(_captured));
        _captured += run.Length;
    }

    private bool IsCapturedString(long start, long end) =>
        !_captureOverflow && end - start == _captured && _captured >= 2 && _capture[0] == (byte)'"';

    private bool IsCaptured(ReadOnlySpan<byte> text) => !_captureOverflow && _capture.AsSpan(0, _captured).SequenceEqual(text);

    private string? RawIdOrNull()
    {
        var raw = _capture.AsSpan(0, _captured);
        try
        {
            var reader = new Utf8JsonReader(raw);
            return reader.Read() && reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.Null
                ? Encoding.UTF8.GetString(raw)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string? Unquote()
    {
        try
        {
            var reader = new Utf8JsonReader(_capture.AsSpan(0, _captured));
            return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
