using System.CommandLine;
using McpShim.Cli;

// Parse errors and help go to stderr/stdout as System.CommandLine decides; the relay itself writes frames only.
var configuration = new InvocationConfiguration
{
    // mcpshim handles SIGINT/SIGTERM itself (stop the server, remove its container), so no forced exit timer.
    ProcessTerminationTimeout = null,
    Output = Console.Out,
    Error = Console.Error,
};
return await ShimCommandLine.Build().Parse(args).InvokeAsync(configuration);
