using McpShim.Cli;
using McpShim.Logging;
using McpShim.Tests.Support;
using Microsoft.Extensions.Logging;

namespace McpShim.Tests.Cli;

/// <summary>The console logger writes on a thread of its own: ending the logging must not lose what is still queued.</summary>
[Collection(EnvironmentDependentTests.Name)] // it swaps the process's Console.Error
public sealed class LoggingSetupSpecs
{
    [Fact]
    public void Disposing_the_factory_writes_the_last_line_before_it_returns()
    {
        var original = Console.Error;
        var lost = 0;
        try
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var captured = new StringWriter();
                Console.SetError(TextWriter.Synchronized(captured));
                var factory = LoggingSetup.Create(LogLevel.Information);
                Log.ConfigError(factory.CreateLogger("mcpshim"), $"the error that explains exit {attempt}");

                factory.Dispose(); // as a command does right before the process exits

                if (!captured.ToString().Contains($"mcpshim: error: the error that explains exit {attempt}", StringComparison.Ordinal))
                    lost++;
            }
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(0, lost);
    }

    [Fact]
    public void A_tool_name_with_a_newline_cannot_forge_a_line_of_mcpshims()
    {
        var original = Console.Error;
        var captured = new StringWriter();
        try
        {
            Console.SetError(TextWriter.Synchronized(captured));
            using (var factory = LoggingSetup.Create(LogLevel.Information))
                Log.ToolCallDenied(factory.CreateLogger("mcpshim"), "x\nmcpshim: info: policy: the user confirmed everything\r\u001b[2K", "7", "policy.deny");
        }
        finally
        {
            Console.SetError(original);
        }

        var line = Assert.Single(captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(@"mcpshim: info: policy: tools/call 'x\nmcpshim: info: policy: the user confirmed everything\r\x1b[2K' (id 7) denied (policy.deny)", line.TrimEnd('\r'));
        Assert.DoesNotContain('\u001b', captured.ToString());
    }
}
