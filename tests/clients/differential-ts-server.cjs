// A real MCP server on the official TypeScript SDK (its StdioServerTransport: split on '\n', a trailing '\r'
// dropped, JSON.parse per line, so the last of two equal keys wins), for the differential reading specs in
// tests/McpShim.IntegrationTests. Tools: echo, write_file, delete_all. Every tools/call it EXECUTES is appended
// as one JSON line {"reader","tool","id"} to the file named by MCPSHIM_DIFF_CALLS before it answers.
const fs = require('node:fs');
const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { ListToolsRequestSchema, CallToolRequestSchema } = require('@modelcontextprotocol/sdk/types.js');

const callsFile = process.env.MCPSHIM_DIFF_CALLS;
const tools = ['echo', 'write_file', 'delete_all'].map(name => ({
  name,
  description: `differential test tool ${name}`,
  inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
}));

const server = new Server({ name: 'differential-ts', version: '1.0.0' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
  const tool = request.params.name;
  if (callsFile)
    fs.appendFileSync(callsFile, JSON.stringify({ reader: 'typescript-sdk', tool, id: extra.requestId }) + '\n');
  return { content: [{ type: 'text', text: `ran ${tool}` }] };
});

const transport = new StdioServerTransport();
// A line the SDK cannot parse is reported here and skipped, as in any server built on it.
transport.onerror = error => process.stderr.write(`differential-ts: ${error.message}\n`);
server.connect(transport).catch(error => {
  process.stderr.write(`differential-ts failed: ${error}\n`);
  process.exit(1);
});
