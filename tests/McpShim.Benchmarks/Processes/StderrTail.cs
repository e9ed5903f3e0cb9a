namespace McpShim.Benchmarks.Processes;

/// <summary>Keeps the last lines a child wrote to stderr, for error messages; the pipe is always drained.</summary>
internal sealed class StderrTail
{
    private const int Keep = 20;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Keep)
                _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_gate)
            return _lines.Count == 0 ? "(nothing on stderr)" : string.Join(Environment.NewLine, _lines);
    }
}
