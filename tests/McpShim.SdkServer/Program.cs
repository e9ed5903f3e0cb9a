using System.Text.Json;
using McpShim.SdkServer;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// A real MCP server on the official C# SDK and its stdio transport (StreamReader line reading, so a bare '\r' also
// ends a line; System.Text.Json with MaxDepth 64), for the differential reading specs. Tools: echo, write_file,
// delete_all. Every tools/call it EXECUTES is appended as one JSON line {"reader","tool","id"} to the file named
// by MCPSHIM_DIFF_CALLS before it answers.
var calls = new CallLog(Environment.GetEnvironmentVariable("MCPSHIM_DIFF_CALLS"));
var schema = JsonSerializer.SerializeToElement(
    new { type = "object", properties = new { message = new { type = "string" } } });
var tools = new[] { "echo", "write_file", "delete_all" }
    .Select(name => new Tool { Name = name, Description = $"differential test tool {name}", InputSchema = schema })
    .ToList();

var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "differential-csharp-sdk", Version = "1.0.0" },
    Handlers = new McpServerHandlers
    {
        ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = tools }),
        CallToolHandler = (context, _) =>
        {
            var tool = context.Params?.Name ?? string.Empty;
            calls.Record(tool, context.JsonRpcRequest.Id);
            return ValueTask.FromResult(new CallToolResult { Content = [new TextContentBlock { Text = $"ran {tool}" }] });
        },
    },
};

await using var server = McpServer.Create(new StdioServerTransport(options), options);
await server.RunAsync();
