using Microsoft.Extensions.Logging;

namespace McpShim.Cli;

/// <summary>
/// A logger whose factory is still being built on another thread. Setting up the console logger costs ~5 ms, which
/// would otherwise delay the server's start; the first message waits for it instead.
/// </summary>
internal sealed class DeferredLogger(Task<ILogger> logger) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => logger.Result.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logger.Result.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        logger.Result.Log(logLevel, eventId, state, exception, formatter);
}
