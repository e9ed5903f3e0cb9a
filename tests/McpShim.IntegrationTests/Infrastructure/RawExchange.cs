using System.Diagnostics;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// mcpshim fed raw bytes on stdin (invalid UTF-8 and bare '\r' included) and run to its exit; stdout kept as bytes, so
/// a test sees exactly what a client would. stdin closes once stdout holds what <c>settled</c> waits for (the answer
/// to a last request: everything before it was read and answered), or after <c>settleTimeout</c>.
/// </summary>
internal static class RawExchange
{
    public static async Task<(byte[] Stdout, string Stderr, int ExitCode)> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, byte[] stdin, TimeSpan timeout,
        Func<byte[], bool>? settled = null, TimeSpan? settleTimeout = null)
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

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start mcpshim");
        var stdout = new MemoryStream();
        var settledSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = ReadAllAsync(process.StandardOutput.BaseStream, stdout, settled, settledSignal);
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, cts.Token);
                await process.StandardInput.BaseStream.FlushAsync(cts.Token);
                if (settled is not null)
                {
                    await Task.WhenAny(settledSignal.Task, Task.Delay(settleTimeout ?? TimeSpan.FromSeconds(10), cts.Token));
                    // A server that runs requests concurrently (the C# SDK) may still be starting an earlier one.
                    await Task.Delay(200, cts.Token);
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // mcpshim stopped reading (it exited): what it wrote and said is the result.
            }
            await process.WaitForExitAsync(cts.Token);
            await reading;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mcpshim did not exit within {timeout} after its stdin closed. stderr:\n{await stderr}");
        }
        return (stdout.ToArray(), await stderr, process.ExitCode);
    }

    private static async Task ReadAllAsync(Stream from, MemoryStream into, Func<byte[], bool>? settled, TaskCompletionSource signal)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            lock (into)
                into.Write(buffer, 0, read);
            if (settled is not null && !signal.Task.IsCompleted && settled(into.ToArray()))
                signal.TrySetResult();
        }
        signal.TrySetResult();
    }
}
