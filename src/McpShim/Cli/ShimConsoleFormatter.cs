using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace McpShim.Cli;

/// <summary>
/// One plain line per message on stderr: <c>mcpshim: warn: message</c>. MCP clients show stderr as is. Messages
/// carry text from peers (tool names, methods, error texts), so control and bidi characters in them are escaped
/// (<see cref="Logging.SafeText"/>): a message is always exactly one line, and no peer can forge one of mcpshim's.
/// </summary>
internal sealed class ShimConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "mcpshim";

    public override void Write<TState>(in LogEntry<TState> logEntry, Microsoft.Extensions.Logging.IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null)
            return;
        var level = logEntry.LogLevel switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "error",
            _ => "fatal",
        };
        textWriter.Write("mcpshim: ");
        textWriter.Write(level);
        textWriter.Write(": ");
        textWriter.WriteLine(Logging.SafeText.Escape(message));
    }
}
