namespace McpShim.Platform;

/// <summary>The OS's "please stop" events, which end a session the same way a closed stdin does: gracefully.</summary>
internal interface ISignalSource
{
    /// <summary>Cancels <paramref name="shutdown"/> on a stop request until the returned handle is disposed.</summary>
    IDisposable Register(CancellationTokenSource shutdown);
}
