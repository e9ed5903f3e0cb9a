using McpShim.Logging;
using Microsoft.Extensions.Logging;

namespace McpShim.Relay;

/// <summary>
/// When the server cannot start, a GUI client would only see "server disconnected". Instead, answer the requests it
/// sends (its <c>initialize</c> first) with a JSON-RPC error that says what is wrong and how to fix it, then exit.
/// </summary>
internal static class StartupFailureResponder
{
    private static readonly TimeSpan WaitForFirstRequest = TimeSpan.FromSeconds(5);
    // Long enough for a busy client to read the answer before it sees the process exit; a client that closes stdin ends it at once.
    private static readonly TimeSpan LingerAfterAnswer = TimeSpan.FromSeconds(2);

    public static async Task RespondAsync(RelayStreams streams, string message, ILogger logger)
    {
        var writer = new FrameWriter(streams.ClientOutput);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var reader = new FrameReader(streams.ClientInput, 1024 * 1024);
                while (reader.TryRead(out var item))
                {
                    if (item.Kind != FrameKind.Frame)
                        continue;
                    var info = FrameInspector.Inspect(item.Bytes, keepArgumentValues: false);
                    if (info is { Kind: MessageKind.Request, Id: { } id })
                    {
                        writer.WriteFrame(JsonRpcErrors.Build(id.ToJson(), JsonRpcErrors.ServerUnavailable, "mcpshim: " + message));
                        answered.TrySetResult();
                    }
                }
            }
            catch (IOException ex)
            {
                Log.DestinationClosed(logger, Direction.ServerToClient, ex.Message);
            }
            finally
            {
                closed.TrySetResult();
            }
        })
        { IsBackground = true, Name = "startup-failure" };
        thread.Start();

        var first = await Task.WhenAny(answered.Task, closed.Task, Task.Delay(WaitForFirstRequest));
        if (first == answered.Task)
            await Task.WhenAny(closed.Task, Task.Delay(LingerAfterAnswer));
    }
}
