using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace McpShim.Cli;

/// <summary>Logging through Microsoft.Extensions.Logging.Console, every level to stderr (stdout carries frames).</summary>
internal static class LoggingSetup
{
    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(level);
        builder.AddConsole(options =>
        {
            options.FormatterName = ShimConsoleFormatter.FormatterName;
            options.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, ShimConsoleFormatter>());
    });
}
