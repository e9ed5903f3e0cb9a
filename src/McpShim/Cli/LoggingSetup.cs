using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace McpShim.Cli;

/// <summary>
/// Logging through Microsoft.Extensions.Logging.Console, every level to stderr (stdout carries frames). The factory
/// and the console provider are built directly rather than through <c>LoggerFactory.Create</c>: its dependency
/// injection container builds generic types at run time, which under native AOT cost each session's start-up
/// milliseconds of CPU.
/// </summary>
internal static class LoggingSetup
{
    public static ILoggerFactory Create(LogLevel level)
    {
        var options = new ConsoleLoggerOptions
        {
            FormatterName = ShimConsoleFormatter.FormatterName,
            LogToStandardErrorThreshold = LogLevel.Trace,
        };
        var console = new ConsoleLoggerProvider(new FixedConsoleOptions(options), [new ShimConsoleFormatter()]);
        var factory = new LoggerFactory([], new LoggerFilterOptions { MinLevel = level });
        // Added, not passed to the constructor: only then does disposing the factory dispose the provider, which
        // drains its queue. A provider given to the constructor is left running, and the last lines (the error that
        // explains an exit) could be lost when the process ends.
        factory.AddProvider(console);
        return factory;
    }

    /// <summary>Options that never change after start-up.</summary>
    private sealed class FixedConsoleOptions(ConsoleLoggerOptions value) : IOptionsMonitor<ConsoleLoggerOptions>
    {
        public ConsoleLoggerOptions CurrentValue => value;

        public ConsoleLoggerOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConsoleLoggerOptions, string?> listener) => null;
    }
}
