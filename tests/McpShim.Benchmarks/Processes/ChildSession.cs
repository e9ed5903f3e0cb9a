using System.Diagnostics;
using System.Globalization;

namespace McpShim.Benchmarks.Processes;

/// <summary>
/// One running MCP server (or mcpshim) with raw access to its stdin and stdout. Synchronous on purpose: a blocking
/// read on a dedicated thread is the lowest-latency client there is.
/// </summary>
internal sealed class ChildSession : IDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly FrameReader _stdout;
    private readonly StderrTail _stderr = new();
    private long _lastId;
    private long _lastEchoId = EchoRequest.FirstId - 1;

    private ChildSession(ServerCommand command)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in command.Environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        _process.ErrorDataReceived += (_, e) => _stderr.Add(e.Data);
        _process.BeginErrorReadLine();
        _stdin = _process.StandardInput.BaseStream;
        _stdout = new FrameReader(_process.StandardOutput.BaseStream);
        Command = command;
    }

    public ServerCommand Command { get; }

    public int ProcessId => _process.Id;

    public static ChildSession Start(ServerCommand command) => new(command);

    /// <summary>Starts the child and completes the MCP handshake.</summary>
    public static ChildSession StartInitialized(ServerCommand command)
    {
        var session = Start(command);
        try
        {
            session.Initialize();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Initialize()
    {
        var id = NextId();
        Write(Requests.Initialize(id));
        ReadResponse(id);
        Write(Requests.Initialized);
    }

    public long NextId() => ++_lastId;

    /// <summary>Reserves <paramref name="count"/> consecutive ids and returns the first.</summary>
    public long ReserveIds(int count)
    {
        var first = _lastId + 1;
        _lastId += count;
        return first;
    }

    public long NextEchoId() => ++_lastEchoId;

    public void Write(ReadOnlySpan<byte> frames)
    {
        try
        {
            _stdin.Write(frames);
        }
        catch (IOException e)
        {
            throw Failure($"writing to the server failed ({e.Message})");
        }
    }

    public ReadOnlySpan<byte> ReadFrame()
    {
        try
        {
            return _stdout.ReadFrame();
        }
        catch (EndOfStreamException)
        {
            throw Failure("the server closed its stdout");
        }
    }

    /// <summary>Reads frames until the response with <paramref name="id"/>; notifications in between are skipped.</summary>
    public ReadOnlySpan<byte> ReadResponse(long id)
    {
        while (true)
        {
            var frame = ReadFrame();
            if (ResponseId.TryRead(frame, out var got) && got == id)
                return frame;
        }
    }

    /// <summary>Peak resident set size (VmHWM) in KiB, or null once the process is gone.</summary>
    public long? PeakRssKiB()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            // The process already exited.
        }

        return null;
    }

    /// <summary>Kills the child if <paramref name="limit"/> passes first, which turns a hung read into a failure.</summary>
    public IDisposable Watchdog(TimeSpan limit) => new Timer(_ => Kill(), null, limit, Timeout.InfiniteTimeSpan);

    /// <summary>Closes stdin (the MCP way to say goodbye), then waits; kills only if the child does not leave.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Dispose();
        }
        catch (IOException)
        {
            // Broken pipe: the child is already gone.
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            Kill();
        _process.WaitForExit();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private BenchmarkFailure Failure(string what)
    {
        var exit = _process.WaitForExit(TimeSpan.FromSeconds(2)) ? $"exit code {_process.ExitCode}" : "still running";
        return new BenchmarkFailure($"{what}: {Command} ({exit}); last stderr lines:{Environment.NewLine}{_stderr}");
    }
}
