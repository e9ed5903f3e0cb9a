using System.CommandLine;
using McpShim.Cli;

// The sandbox's hidden roles run between fork and exec of a local server: first, before any start-up work.
if (args.Length > 0 && args[0].StartsWith(McpShim.Sandbox.SandboxRoles.Prefix, StringComparison.Ordinal))
    return McpShim.Sandbox.SandboxRoles.Run(args);

var parseResult = ShimCommandLine.Build().Parse(args);
if (parseResult.Errors.Count > 0)
{
    // Never help text on stdout here: an MCP client reading frames from a mistyped command line would choke on it.
    foreach (var error in parseResult.Errors)
        await Console.Error.WriteLineAsync("mcpshim: error: " + error.Message);
    await Console.Error.WriteLineAsync("Run 'mcpshim --help' for usage.");
    return ExitCodes.Usage;
}

return await parseResult.InvokeAsync(new InvocationConfiguration
{
    // mcpshim handles SIGINT/SIGTERM itself (stop the server, remove its container), so no forced exit timer.
    ProcessTerminationTimeout = null,
});
