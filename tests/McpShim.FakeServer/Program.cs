using McpShim.FakeServer;

// A scriptable MCP server for process tests and the benchmark baseline; see README.md for the options.
FakeServerOptions options;
try
{
    options = FakeServerOptions.Parse(args);
}
catch (ArgumentException e)
{
    StderrLog.Write(e.Message);
    return 2;
}

using var stdout = Console.OpenStandardOutput();
var writer = new FrameWriter(stdout);
if (options.GarbageStdout)
    writer.Write("this line is not JSON-RPC\n"u8);
if (options.FloodStderrBytes > 0)
    StderrFlood.Write(options.FloodStderrBytes);
if (options.DelayStartMs > 0)
    Thread.Sleep(options.DelayStartMs);

using (var stdin = Console.OpenStandardInput())
    new FakeServer(options, writer).Run(stdin);

if (options.IgnoreEof)
{
    StderrLog.Write("stdin closed; ignoring it and running until killed (--ignore-eof)");
    Thread.Sleep(Timeout.Infinite);
}

return options.ExitCode;
