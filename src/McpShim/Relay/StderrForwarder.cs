using System.Text;

namespace McpShim.Relay;

/// <summary>
/// Drains the server's stderr all the time, so a chatty server never blocks on a full pipe, forwards each line to
/// mcpshim's stderr with a <c>[profile]</c> prefix, and keeps the last lines for error messages. Secrets are redacted,
/// and control characters escaped (<see cref="Logging.SafeText"/>): a <c>\r</c> or an escape sequence in a line
/// cannot rewrite the terminal or make the line pass for one of mcpshim's.
/// </summary>
internal sealed class StderrForwarder
{
    private const int TailLines = 20;
    private const int MaxLineChars = 500;
    private const int MaxKeptLineBytes = 16 * 1024;

    private readonly Stream _source;
    private readonly Stream _destination;
    private readonly byte[] _prefix;
    private readonly Secrets.SecretRedactor _redactor;
    private readonly ServerLogs.KeptStderr? _keep;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="keep">Where a session keeps its server's stderr for <c>mcpshim logs</c>, if anywhere.</param>
    public StderrForwarder(Stream source, Stream destination, string profile, Secrets.SecretRedactor? redactor = null, ServerLogs.KeptStderr? keep = null)
    {
        _keep = keep;
        _redactor = redactor ?? Secrets.SecretRedactor.None;
        _source = source;
        _destination = destination;
        _prefix = Encoding.UTF8.GetBytes($"[{profile}] ");
    }

    public Task Completion => _done.Task;

    /// <summary>The last lines the server wrote to stderr, oldest first.</summary>
    public IReadOnlyList<string> Tail
    {
        get
        {
            lock (_gate)
                return _tail.ToArray();
        }
    }

    public void Start() => new Thread(Run) { IsBackground = true, Name = "server-stderr" }.Start();

    private void Run()
    {
        try
        {
            // Lines of any length pass; the reader's cap only bounds memory, so a huge line is cut, not buffered.
            var reader = new FrameReader(_source, maxFrameBytes: 1024 * 1024);
            while (reader.TryRead(out var item))
            {
                if (item.Kind == FrameKind.Oversized)
                {
                    Forward(System.Text.Encoding.UTF8.GetBytes($"<stderr line of {item.Length} bytes dropped>"));
                    continue;
                }

                Forward(item.Bytes);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Our own stderr is gone, or the session ended and closed the server's pipe: nothing left to tell.
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private void Forward(ReadOnlySpan<byte> line)
    {
        // A server that prints its token must not put it in the client's logs through us.
        if (!_redactor.IsEmpty && _redactor.Contains(line))
        {
            Forward(_redactor.Redact(line).AsSpan());
            return;
        }

        line = Logging.SafeText.Escape(line);
        var text = Encoding.UTF8.GetString(line.Length > MaxLineChars * 4 ? line[..(MaxLineChars * 4)] : line);
        if (text.Length > MaxLineChars)
            text = text[..MaxLineChars] + "…";
        lock (_gate)
        {
            if (_tail.Count == TailLines)
                _tail.Dequeue();
            _tail.Enqueue(text);
        }

        _keep?.Append(line.Length > MaxKeptLineBytes ? line[..MaxKeptLineBytes] : line);
        var buffer = new byte[_prefix.Length + line.Length + 1];
        _prefix.CopyTo(buffer, 0);
        line.CopyTo(buffer.AsSpan(_prefix.Length));
        buffer[^1] = (byte)'\n';
        _destination.Write(buffer); // one write per line: lines from mcpshim's logger and the server never interleave
    }
}
