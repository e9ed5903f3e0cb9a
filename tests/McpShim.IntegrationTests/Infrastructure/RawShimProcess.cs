using System.Diagnostics;
using System.Text;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// mcpshim started by hand, for what the SDK client hides: its pid, its raw stdout, and being killed with SIGKILL.
/// </summary>
internal sealed class RawShimProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private RawShimProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                    _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public static RawShimProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo(ShimBinary.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            startInfo.Environment[name] = value;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start mcpshim");
        return new RawShimProcess(process);
    }

    /// <summary>Writes one newline-delimited JSON-RPC frame.</summary>
    public async Task SendAsync(string json)
    {
        await _process.StandardInput.WriteAsync(json + "\n");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Closes mcpshim's stdin, as a client that is done does.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Reads stdout lines until one contains <paramref name="needle"/>.</summary>
    public async Task<string> ReadLineContainingAsync(string needle, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _process.StandardOutput.ReadLineAsync(cts.Token)
                    ?? throw new InvalidOperationException($"mcpshim closed stdout before sending '{needle}'. stderr:\n{Stderr}");
                if (line.Contains(needle, StringComparison.Ordinal))
                    return line;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no stdout line with '{needle}' within {timeout}. stderr:\n{Stderr}");
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
